package org.openahi.core.dicomweb;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import org.openahi.core.blob.ByteCache;

/**
 * Decoded frames by the blob key of their stored (compressed) frame, the least asked for evicted first, within a
 * bound on their bytes: a viewer that asks for uncompressed pixels pays for decoding a frame once, however many
 * connections ask for it. A blob never changes, so an entry is never stale. Concurrent requests for a frame being
 * decoded wait for that decoding instead of starting their own, whatever the bound (0 included: the disk tier behind
 * it is read once too). A frame larger than the bound is decoded every time.
 */
final class DecodedFrameCache {
    /** Decodes a frame; called once per frame while it stays cached. */
    @FunctionalInterface
    interface Decoder {
        byte[] decode() throws Exception;
    }

    /** Guards {@code decoding}, and makes looking a frame up and registering its decoding one step. */
    private final ReentrantLock lock = new ReentrantLock();

    private final ByteCache frames;
    private final Map<String, CompletableFuture<byte[]>> decoding = new HashMap<>();

    /** @param maxBytes the most decoded bytes kept; 0 keeps none */
    DecodedFrameCache(long maxBytes) {
        this.frames = new ByteCache(maxBytes);
    }

    /** The decoded frame, shared: treat it as read-only. */
    byte[] get(String blobKey, Decoder decoder) throws Exception {
        CompletableFuture<byte[]> running;
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        lock.lock();
        try {
            byte[] cached = frames.get(blobKey);
            if (cached != null) {
                return cached;
            }
            running = decoding.putIfAbsent(blobKey, mine);
        } finally {
            lock.unlock();
        }
        if (running != null) {
            return await(running);
        }
        try {
            byte[] decoded = decoder.decode();
            frames.put(blobKey, decoded);
            mine.complete(decoded);
            return decoded;
        } catch (Exception | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            lock.lock();
            try {
                decoding.remove(blobKey);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits for another request's decoding of the frame; its failure is this request's too. */
    private static byte[] await(CompletableFuture<byte[]> running) throws Exception {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Decoded bytes held now. */
    long bytes() {
        return frames.bytes();
    }
}
