package org.openahi.core.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob read that must give exactly the bytes it was stored with: ending early or running on is an IOException
 * naming the blob, so a response streaming it fails instead of ending as if it were whole.
 */
public final class ExactLengthInputStream extends FilterInputStream {
    private final long length;
    private final String what;
    private long read;

    /** @param what names the blob in the error, e.g. "frame 1f2e..." */
    public ExactLengthInputStream(InputStream in, long length, String what) {
        super(in);
        this.length = length;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        count(n);
        return n;
    }

    /** The rest of the blob, read into one array of the length it was stored with rather than grown chunk by chunk. */
    @Override
    public byte[] readAllBytes() throws IOException {
        long remaining = length - read;
        if (remaining < 0 || remaining > Integer.MAX_VALUE - 8) {
            return super.readAllBytes();
        }
        byte[] bytes = new byte[(int) remaining];
        readNBytes(bytes, 0, bytes.length); // an early end throws, naming the blob
        read(); // so does a byte beyond its length
        return bytes;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        read += skipped;
        return skipped;
    }

    private void count(int n) throws IOException {
        if (n < 0) {
            if (read != length) {
                throw new IOException(what + " ends after " + read + " bytes; it was stored with " + length);
            }
            return;
        }
        read += n;
        if (read > length) {
            throw new IOException(what + " has more than the " + length + " bytes it was stored with");
        }
    }
}
