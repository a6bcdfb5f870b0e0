package org.openahi.core.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.pixels.CodecThreads;
import org.openahi.core.pixels.EncodedFrame;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.pixels.PendingFrame;
import org.openahi.core.pixels.PixelVerificationException;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uncompressed frames stored as they came ({@link PendingFrame}) by STOW-RS, C-STORE and import jobs, so that their
 * instances are acknowledged without waiting for the lossless encoder, and their encoding later, on one background
 * thread, while the intake is quiet: a frame is encoded, verified, stored under its {@code frames/} key, its rows
 * pointed at it in one transaction, and its pending blob deleted a while later (readers that found the old row may
 * still be reading it). Readers encode a frame still pending on request. Once {@code maxBytes} of frames are pending,
 * new frames are encoded before their instance is acknowledged again, and the backlog is worked on whether or not the
 * intake is quiet. Pending blobs are durable, and found again by listing their folder, so a restart loses none.
 */
public final class PendingFrames implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingFrames.class);

    /**
     * @param maxBytes pending frame bytes at most ({@code 0}: every frame is encoded before it is acknowledged)
     * @param quietMillis how long the intake stays idle before the backlog is worked on
     * @param keepReplacedMillis how long a pending blob outlives the row that pointed at it
     */
    public record Settings(long maxBytes, long quietMillis, long keepReplacedMillis) {
        public static final Settings OFF = new Settings(0, 0, 0);
    }

    private record Replaced(String key, long dueNanos) {}

    private final MetadataStore store;
    private final BlobStore blobs;
    private final FrameTranscoder transcoder;
    private final Settings settings;
    private final AtomicLong backlogBytes = new AtomicLong();
    private final Queue<Replaced> replaced = new ArrayDeque<>();
    private final Set<String> replacedKeys = new HashSet<>();
    // Frames whose encoding failed verification: they stay pending (served as encoded on request fails the same way).
    private final Set<String> unencodable = new HashSet<>();
    private volatile long lastIntakeNanos = System.nanoTime();
    private volatile Thread worker;

    public PendingFrames(MetadataStore store, BlobStore blobs, FrameTranscoder transcoder, Settings settings) {
        this.store = store;
        this.blobs = blobs;
        this.transcoder = transcoder;
        this.settings = settings;
    }

    /** Whether an uncompressed frame arriving now may be stored pending. */
    public boolean accepting() {
        return backlogBytes.get() < settings.maxBytes();
    }

    /** Bytes of frames waiting to be encoded, as last listed and counted since. */
    public long backlogBytes() {
        return backlogBytes.get();
    }

    /** A pending frame of {@code bytes} was stored. */
    void stored(long bytes) {
        backlogBytes.addAndGet(bytes);
        lastIntakeNanos = System.nanoTime();
    }

    /** Starts the background encoder (when frames may be pending at all, or some are left from an earlier run). */
    public void start() {
        worker = Thread.ofPlatform().name("openahi-pending-frames").daemon().start(this::run);
    }

    private void run() {
        CodecThreads.codeAloneOnThisThread();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                int encoded = ourTurn() ? encodeListed() : 0;
                deleteReplaced(false);
                if (encoded == 0) {
                    Thread.sleep(Math.max(200, settings.quietMillis()));
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Encoding pending frames failed, tried again shortly: {}", e.toString());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * One pass over the pending frames, while this is their time; returns how many were encoded. The listing also
     * corrects the backlog's size, which frames deleted with their image set (or never folded) leave too high.
     */
    public int encodeListed() throws IOException {
        List<BlobStore.BlobInfo> listed;
        try (Stream<BlobStore.BlobInfo> listing = blobs.list(PendingFrame.FOLDER)) {
            listed = listing.toList();
        }
        backlogBytes.set(listed.stream()
                .filter(blob -> !replacedKeys.contains(blob.key()))
                .mapToLong(BlobStore.BlobInfo::size)
                .sum());
        int encoded = 0;
        for (BlobStore.BlobInfo blob : listed) {
            if (!ourTurn()) {
                break;
            }
            if (!replacedKeys.contains(blob.key()) && encode(blob.key(), blob.size())) {
                encoded++;
            }
        }
        return encoded;
    }

    /** Quiet intake, or a backlog past half its bound. */
    private boolean ourTurn() {
        long quietNanos = TimeUnit.MILLISECONDS.toNanos(settings.quietMillis());
        return System.nanoTime() - lastIntakeNanos >= quietNanos || backlogBytes.get() >= settings.maxBytes() / 2;
    }

    /** Encodes one pending frame and points its rows at it; false when no folded frame refers to it (yet). */
    private boolean encode(String key, long size) throws IOException {
        if (unencodable.contains(key)) {
            return false;
        }
        String target = PendingFrame.encodedKey(key);
        if (!store.read(tx -> tx.imageSets().referencesBlob(key))) {
            // Not folded yet (or deleted, left to the blob cleanup), or replaced before a restart: then it goes now.
            if (store.read(tx -> tx.imageSets().referencesBlob(target))) {
                blobs.delete(key);
            }
            return false;
        }
        byte[] blob;
        try (InputStream in = blobs.get(key)) {
            blob = in.readAllBytes();
        } catch (BlobNotFoundException e) {
            return false; // encoded meanwhile (by another server), or deleted with its image set
        }
        EncodedFrame encoded;
        try {
            encoded = transcoder.encodePending(PendingFrame.read(blob));
        } catch (IOException | UnsupportedPixelsException | PixelVerificationException e) {
            // A damaged blob or a frame the encoder cannot take: the others are encoded all the same.
            unencodable.add(key);
            LOG.error("Pending frame {} cannot be encoded; it stays as it is: {}", key, e.getMessage());
            return false;
        }
        byte[] bytes = encoded.bytes();
        blobs.put(target, new ByteArrayInputStream(bytes), bytes.length);
        // An archived image set's new blob is in the primary location: the tier sweep moves it.
        Set<String> imageSets = store.write(tx -> {
            Set<String> changed = tx.imageSets().replaceFrameBlob(key, target, bytes.length);
            changed.forEach(tx.tiers()::blobsAdded);
            return changed;
        });
        if (imageSets.isEmpty()) {
            // Unless another server encoded it first (the same bytes) and its rows point there now.
            if (!store.read(tx -> tx.imageSets().referencesBlob(target))) {
                blobs.delete(target);
            }
            return false;
        }
        transcoder.stored(target, encoded);
        backlogBytes.addAndGet(-size);
        replaced.add(
                new Replaced(key, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.keepReplacedMillis())));
        replacedKeys.add(key);
        return true;
    }

    /**
     * Deletes the pending blobs replaced long enough ago that no reader is still on them ({@code all}: every one, when
     * the server stops, its readers gone).
     */
    private void deleteReplaced(boolean all) throws IOException {
        long now = System.nanoTime();
        while (!replaced.isEmpty() && (all || replaced.peek().dueNanos() - now <= 0)) {
            Replaced next = replaced.poll();
            replacedKeys.remove(next.key());
            if (!store.read(tx -> tx.imageSets().referencesBlob(next.key()))) {
                blobs.delete(next.key());
            }
        }
    }

    @Override
    public void close() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
            try {
                running.join(10_000);
                deleteReplaced(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOG.info("Pending frames already encoded are left for the blob clean-up: {}", e.toString());
            }
        }
    }
}
