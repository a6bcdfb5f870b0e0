#!/usr/bin/env python3
"""CPU seconds a running process has spent, by thread name (digits folded): where a server's CPU went.

    benchmarks/scripts/thread-cpu.py PID                   (read it after a run, before the server stops)
    benchmarks/scripts/thread-cpu.py PID --save FILE       (before a run: each thread's CPU so far)
    benchmarks/scripts/thread-cpu.py PID --since FILE      (after it: only what each thread spent since --save)

Threads that ended are not counted (the process's own total in /proc/PID/stat counts them).
"""
import argparse
import collections
import json
import os
import re

parser = argparse.ArgumentParser()
parser.add_argument("pid")
parser.add_argument("--save", help="write each thread's CPU seconds so far to this file, print nothing")
parser.add_argument("--since", help="subtract what each thread had spent in this --save file")
args = parser.parse_args()
tick = os.sysconf("SC_CLK_TCK")
threads = {}  # thread id -> [name, CPU seconds]
for task in os.listdir(f"/proc/{args.pid}/task"):
    try:
        with open(f"/proc/{args.pid}/task/{task}/comm") as f:
            name = f.read().strip()
        with open(f"/proc/{args.pid}/task/{task}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        continue  # the thread ended meanwhile
    threads[task] = [re.sub(r"\d+", "N", name), (int(fields[11]) + int(fields[12])) / tick]  # utime + stime
if args.save:
    with open(args.save, "w") as f:
        json.dump(threads, f)
    raise SystemExit(0)
before = {}
if args.since:
    with open(args.since) as f:
        before = json.load(f)
by_name = collections.Counter()
for task, (name, seconds) in threads.items():
    by_name[name] += seconds - (before[task][1] if task in before else 0)
total = sum(by_name.values())
print(f"total {total:.2f} s" + (" since the snapshot" if args.since else ""))
for name, seconds in by_name.most_common(14):
    print(f"{seconds:7.2f} s {100 * seconds / total:5.1f}% {name}")
