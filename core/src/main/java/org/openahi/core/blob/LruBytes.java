package org.openahi.core.blob;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Byte arrays by key within a bound on their total length, the least recently used evicted first; safe for concurrent
 * use. A value longer than the bound is not kept. The read cache ({@link CachingBlobStore}) and DICOMweb's decoded
 * frames keep their bytes here.
 */
public final class LruBytes {
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    /** @param maxBytes the most bytes kept; 0 keeps none */
    public LruBytes(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("A cache cannot hold " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
    }

    /** The value, now the most recently used; null when it is not kept. Shared: treat it as read-only. */
    public byte[] get(String key) {
        lock.lock();
        try {
            return entries.get(key);
        } finally {
            lock.unlock();
        }
    }

    /** Keeps the value (unless it is longer than the bound), evicting the least recently used others beyond it. */
    public void put(String key, byte[] value) {
        if (value.length > maxBytes) {
            return;
        }
        lock.lock();
        try {
            byte[] previous = entries.put(key, value);
            bytes += value.length - (previous == null ? 0 : previous.length);
            Iterator<Map.Entry<String, byte[]>> oldest = entries.entrySet().iterator();
            while (bytes > maxBytes && oldest.hasNext()) {
                Map.Entry<String, byte[]> evicted = oldest.next();
                if (!evicted.getKey().equals(key)) {
                    bytes -= evicted.getValue().length;
                    oldest.remove();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public void remove(String key) {
        lock.lock();
        try {
            byte[] removed = entries.remove(key);
            if (removed != null) {
                bytes -= removed.length;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The bytes kept now. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
