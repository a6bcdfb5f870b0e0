#!/usr/bin/env python3
# What syncing the parents of the folders a blob put makes costs on this machine's file system:
#   benchmarks/scripts/blob-put-syncs.py [PUTS] [FOLDER]      (default 500 puts under /tmp/blob-put-syncs)
# Each put does what FileSystemBlobStore.put does for the first blob of a work folder (STOW-RS request, association):
# a 64 KiB file written under .tmp/ and fsynced, its folder pending/<work>/ab/cd made, the file renamed into it and
# that folder fsynced; with the extra syncs, also the parents of the three folders it made. Alternates both ways twice.
import os, shutil, sys, time, uuid

puts = int(sys.argv[1]) if len(sys.argv) > 1 else 500
root = sys.argv[2] if len(sys.argv) > 2 else '/tmp/blob-put-syncs'
shutil.rmtree(root, ignore_errors=True)
os.makedirs(root + '/.tmp')


def sync(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def put(parents):
    work = f'{root}/pending/{uuid.uuid4().hex}'
    temporary = f'{root}/.tmp/{uuid.uuid4()}'
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY)
    os.write(fd, b'x' * 65536)
    os.fsync(fd)
    os.close(fd)
    os.makedirs(work + '/ab/cd')
    os.rename(temporary, work + '/ab/cd/blob')
    sync(work + '/ab/cd')
    started = time.perf_counter()
    if parents:
        for folder in (work + '/ab', work, root + '/pending'):
            sync(folder)
    return time.perf_counter() - started


for parents in (False, True, False, True):
    started = time.perf_counter()
    extra = sum(put(parents) for _ in range(puts))
    total = time.perf_counter() - started
    print(f'parents synced: {parents!s:5}  {puts} puts  {total / puts * 1000:.3f} ms per put, '
          f'of which the parents\' syncs {extra / puts * 1000:.3f} ms')
shutil.rmtree(root)
