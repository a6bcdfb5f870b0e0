package org.openahi.core.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.pixels.DecodedFrameSink;
import org.openahi.core.store.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk tier of decoded frames, behind {@link DecodedFrameCache}: native pixel data by the blob key of the stored
 * frame it was decoded from (a blob never changes, so a file is never stale), one file each in a folder of its own,
 * within a bound on their bytes, the least recently used deleted first.
 *
 * <p>A cache, not storage: the folder is emptied when it opens (nothing a crash left half-written is ever read), files
 * are written under a temporary name and renamed, never forced to the disk, and each carries the CRC32 of its samples,
 * checked at every read: a damaged file is deleted and read as a miss, so the frame is decoded again, never served.
 *
 * <p>Files are written by one background thread, from a queue bounded in bytes that drops what does not fit, so
 * neither a request nor an ingest waits for the disk.
 */
public final class DecodedFrameFiles implements DecodedFrameSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecodedFrameFiles.class);
    /** "OAdf": the files are openahi's decoded frames, in this layout. */
    private static final int MAGIC = 0x4f416466;
    /** The magic, the CRC32 of the samples, their length. */
    static final int HEADER_BYTES = 16;

    static final String SUFFIX = ".frame";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** The most bytes waiting for the writer: a burst of ingest or of misses beyond it is not cached. */
    private static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    private final Path folder;
    private final long maxBytes;
    private final long maxQueuedBytes;
    /** Guards the index, the queue and the files' creation and deletion. */
    private final ReentrantLock lock = new ReentrantLock();

    private final Condition queued = lock.newCondition();
    private final Condition drained = lock.newCondition();
    /** File size (header included) by blob key, least recently used first. */
    private final LinkedHashMap<String, Long> index = new LinkedHashMap<>(256, 0.75f, true);

    private long bytes;
    private final ArrayDeque<Map.Entry<String, byte[]>> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean closed;
    private final Thread writer;
    /** Whether the writer's last write failed (the writer thread's own: logged once, the folder made again). */
    private boolean failing;

    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong damaged = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** Reads and writes of the tier so far, and what it holds now. */
    public record Counts(long hits, long misses, long damaged, long written, long dropped, long bytes, long files) {}

    private DecodedFrameFiles(Path folder, long maxBytes, long maxQueuedBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        this.maxQueuedBytes = maxQueuedBytes;
        this.writer = folder == null
                ? null
                : Thread.ofPlatform().name("decoded-frame-writer").daemon().unstarted(this::writeQueued);
    }

    /** A tier that keeps nothing: every read misses, every offer is ignored. */
    public static DecodedFrameFiles off() {
        return new DecodedFrameFiles(null, 0, 0);
    }

    /**
     * The tier in {@code folder} (created when missing), emptied of the files an earlier run left, keeping at most
     * {@code maxBytes} bytes; {@link #off} when {@code maxBytes} is 0.
     */
    public static DecodedFrameFiles open(Path folder, long maxBytes) throws IOException {
        return open(folder, maxBytes, MAX_QUEUED_BYTES);
    }

    static DecodedFrameFiles open(Path folder, long maxBytes, long maxQueuedBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("The decoded frame files cannot hold " + maxBytes + " bytes");
        }
        if (maxBytes == 0) {
            return off();
        }
        Files.createDirectories(folder);
        int removed = empty(folder);
        if (removed > 0) {
            LOG.info("Removed {} decoded frame files an earlier run left in {}", removed, folder);
        }
        DecodedFrameFiles files = new DecodedFrameFiles(folder, maxBytes, Math.min(maxQueuedBytes, maxBytes));
        files.writer.start();
        return files;
    }

    /** Deletes this tier's files (only those: the folder may be shared with something else by mistake). */
    private static int empty(Path folder) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if ((name.endsWith(SUFFIX) || name.endsWith(TEMPORARY_SUFFIX)) && Files.isRegularFile(entry)) {
                    Files.delete(entry);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The frame's samples, when a file holds them undamaged. */
    Optional<byte[]> read(String blobKey) {
        if (writer == null) {
            return Optional.empty();
        }
        Long size = indexedSize(blobKey);
        if (size == null) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        Path file = file(blobKey);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            readFully(channel, header);
            header.flip();
            int magic = header.getInt();
            long crc = header.getInt() & 0xffffffffL;
            long length = header.getLong();
            if (magic != MAGIC || length != channel.size() - HEADER_BYTES || length > Integer.MAX_VALUE - 8) {
                return drop(blobKey, size, "its header is not one this tier writes");
            }
            byte[] samples = new byte[(int) length];
            readFully(channel, ByteBuffer.wrap(samples));
            if (crc(samples) != crc) {
                return drop(blobKey, size, "its samples do not match their CRC32");
            }
            hits.incrementAndGet();
            return Optional.of(samples);
        } catch (NoSuchFileException gone) {
            // Evicted since the look-up, or deleted by something else (another node's start on a shared folder).
            misses.incrementAndGet();
            forget(blobKey, size);
            return Optional.empty();
        } catch (IOException e) {
            return drop(blobKey, size, e.toString());
        }
    }

    private Optional<byte[]> drop(String blobKey, long size, String why) {
        damaged.incrementAndGet();
        misses.incrementAndGet();
        LOG.warn("Decoded frame file of blob {} is damaged ({}): deleted, the frame is decoded again", blobKey, why);
        forget(blobKey, size);
        return Optional.empty();
    }

    /**
     * The blob store, deleting with each blob the decoded copy of its frame, so that copy never outlives the blob (a
     * deleted image set's frames, once blob clean-up removes them). A copy the writer still had queued may be written
     * after; no frame row references it, so it is never served, and eviction or the next start removes it.
     */
    public BlobStore deletingWith(BlobStore blobs) {
        return new BlobStore() {
            @Override
            public void put(String key, InputStream content, long length) throws IOException {
                blobs.put(key, content, length);
            }

            @Override
            public InputStream get(String key) throws IOException {
                return blobs.get(key);
            }

            @Override
            public void delete(String key) throws IOException {
                blobs.delete(key);
                Long size = indexedSize(key);
                if (size != null) {
                    forget(key, size);
                }
            }

            @Override
            public Stream<BlobInfo> list(String prefix) throws IOException {
                return blobs.list(prefix);
            }

            @Override
            public void close() {
                blobs.close();
            }
        };
    }

    private Long indexedSize(String blobKey) {
        lock.lock();
        try {
            return index.get(blobKey);
        } finally {
            lock.unlock();
        }
    }

    /** Removes the frame's entry and file, unless the writer has replaced them since they were looked up. */
    private void forget(String blobKey, long size) {
        lock.lock();
        try {
            Long now = index.get(blobKey);
            if (now != null && now == size) {
                index.remove(blobKey);
                bytes -= size;
                Files.deleteIfExists(file(blobKey));
            }
        } catch (IOException e) {
            LOG.warn("Decoded frame file {} could not be deleted: {}", file(blobKey), e.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean takesFrames() {
        return writer != null;
    }

    /** Queues the samples to be written, unless the tier holds them already or the queue is full. */
    @Override
    public void offer(String blobKey, byte[] nativePixels) {
        if (writer == null) {
            return;
        }
        lock.lock();
        try {
            if (closed || index.containsKey(blobKey)) {
                return;
            }
            if (queuedBytes + nativePixels.length > maxQueuedBytes
                    || HEADER_BYTES + (long) nativePixels.length > maxBytes) {
                dropped.incrementAndGet();
                return;
            }
            queue.add(Map.entry(blobKey, nativePixels));
            queuedBytes += nativePixels.length;
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The writer thread: writes what is queued until the tier closes. */
    private void writeQueued() {
        while (true) {
            Map.Entry<String, byte[]> next;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    writing = false;
                    drained.signalAll();
                    queued.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                next = queue.poll();
                queuedBytes -= next.getValue().length;
                writing = true;
            } finally {
                lock.unlock();
            }
            try {
                write(next.getKey(), next.getValue());
                if (failing) {
                    failing = false;
                    LOG.info("Decoded frames are written to {} again", folder);
                }
            } catch (IOException | RuntimeException e) {
                dropped.incrementAndGet();
                if (!failing) {
                    failing = true;
                    LOG.warn(
                            "Decoded frames cannot be written to {} ({}): they are decoded on request instead; "
                                    + "further failures are not logged until a write succeeds",
                            folder,
                            e.toString());
                }
            }
        }
    }

    private void write(String blobKey, byte[] samples) throws IOException {
        long size = HEADER_BYTES + (long) samples.length;
        // Room first, so the folder never holds more than the bound; only this thread adds files.
        lock.lock();
        try {
            if (index.containsKey(blobKey)) {
                return;
            }
            Iterator<Map.Entry<String, Long>> eldest = index.entrySet().iterator();
            while (bytes + size > maxBytes && eldest.hasNext()) {
                Map.Entry<String, Long> victim = eldest.next();
                Files.deleteIfExists(file(victim.getKey()));
                bytes -= victim.getValue();
                eldest.remove();
            }
        } finally {
            lock.unlock();
        }
        Path file = file(blobKey);
        Path temporary = folder.resolve(file.getFileName() + TEMPORARY_SUFFIX);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES)
                .putInt(MAGIC)
                .putInt((int) crc(samples))
                .putLong(samples.length)
                .flip();
        if (failing) {
            Files.createDirectories(folder); // deleted while the server runs, perhaps
        }
        try {
            try (FileChannel channel = FileChannel.open(
                    temporary,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer[] parts = {header, ByteBuffer.wrap(samples)};
                while (parts[1].hasRemaining()) {
                    channel.write(parts);
                }
            }
            lock.lock();
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                index.put(blobKey, size);
                bytes += size;
            } finally {
                lock.unlock();
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        written.incrementAndGet();
    }

    /** Waits until every offer made before has been written or dropped (tests; closing). */
    void awaitWritten() {
        lock.lock();
        try {
            while ((!queue.isEmpty() || writing) && !closed) {
                drained.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    public Counts counts() {
        lock.lock();
        try {
            return new Counts(
                    hits.get(), misses.get(), damaged.get(), written.get(), dropped.get(), bytes, index.size());
        } finally {
            lock.unlock();
        }
    }

    /** Where the tier keeps a frame: a name the blob key cannot escape the folder with, whatever it holds. */
    Path file(String blobKey) {
        return folder.resolve(HexFormat.of().formatHex(Sha256.of(blobKey)) + SUFFIX);
    }

    private static long crc(byte[] samples) {
        CRC32 crc = new CRC32();
        crc.update(samples);
        return crc.getValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new IOException("the file ends early");
            }
        }
    }

    /** Stops the writer; queued frames are not written (a cache: the next run starts empty anyway). */
    @Override
    public void close() throws InterruptedException {
        if (writer == null) {
            return;
        }
        lock.lock();
        try {
            closed = true;
            queue.clear();
            queued.signalAll();
            drained.signalAll();
        } finally {
            lock.unlock();
        }
        writer.join();
    }
}
