package org.openahi.dicom;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reverses the bytes of every {@code unit}-byte value of a big-endian stream, giving little-endian order. */
final class SwappingInputStream extends FilterInputStream {

    private final int unit;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    SwappingInputStream(InputStream in, int unit) {
        super(in);
        this.unit = unit;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && (position < limit || fill())) {
            int step = (int) Math.min(n - skipped, limit - position);
            position += step;
            skipped += step;
        }
        return skipped;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads whole units (a trailing partial unit is passed on unswapped). */
    private boolean fill() throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        for (int i = 0; i + unit <= n; i += unit) {
            for (int a = i, z = i + unit - 1; a < z; a++, z--) {
                byte t = buffer[a];
                buffer[a] = buffer[z];
                buffer[z] = t;
            }
        }
        position = 0;
        limit = n;
        return true;
    }
}
