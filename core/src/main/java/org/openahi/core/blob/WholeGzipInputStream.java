package org.openahi.core.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Passes a gzip blob's bytes through unchanged while checking that they are one whole gzip member (RFC 1952, as
 * {@link java.util.zip.GZIPOutputStream} writes it: no optional header fields): the stream ends exactly after the
 * trailer, whose CRC-32 and size match the inflated data. A blob cut short, or with anything after its trailer, fails
 * the read at its end with an IOException naming the blob, so a response streaming it is aborted rather than ending as
 * if it were whole. The data is inflated once on the way, in a fixed buffer.
 */
public final class WholeGzipInputStream extends FilterInputStream {
    private static final int HEADER = 10;
    private static final int TRAILER = 8;

    private final String what;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] inflated = new byte[16 * 1024];
    private final byte[] header = new byte[HEADER];
    private final byte[] trailer = new byte[TRAILER];
    private int headerBytes;
    private int trailerBytes;
    private long size;
    private boolean checked;

    /** @param what names the blob in the error, e.g. "metadata document of image set ..." */
    public WholeGzipInputStream(InputStream in, String what) {
        super(in);
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            checkComplete();
        } else {
            consume(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        int read = read(discard, 0, discard.length);
        return Math.max(read, 0);
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        super.close();
    }

    private void consume(byte[] bytes, int offset, int length) throws IOException {
        int at = offset;
        int end = offset + length;
        while (at < end && headerBytes < HEADER) {
            header[headerBytes++] = bytes[at++];
            if (headerBytes == HEADER
                    && ((header[0] & 0xff) != 0x1f || (header[1] & 0xff) != 0x8b || header[2] != 8 || header[3] != 0)) {
                throw new IOException(what + " is not a gzip member as openahi writes them");
            }
        }
        if (at < end && !inflater.finished()) {
            inflater.setInput(bytes, at, end - at);
            try {
                while (!inflater.finished() && !inflater.needsInput()) {
                    int n = inflater.inflate(inflated);
                    crc.update(inflated, 0, n);
                    size += n;
                }
            } catch (DataFormatException e) {
                throw new IOException(what + " is not valid gzip data: " + e.getMessage(), e);
            }
            at = end - inflater.getRemaining();
        }
        while (at < end) {
            if (trailerBytes == TRAILER) {
                throw new IOException(what + " has bytes after its gzip trailer");
            }
            trailer[trailerBytes++] = bytes[at++];
        }
    }

    private void checkComplete() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        if (!inflater.finished() || trailerBytes < TRAILER) {
            throw new IOException(what + " ends before its gzip data does: the blob is cut short");
        }
        if (littleEndian(0) != crc.getValue() || littleEndian(4) != (size & 0xffffffffL)) {
            throw new IOException(what + " fails its gzip CRC-32 or size check");
        }
    }

    private long littleEndian(int at) {
        return (trailer[at] & 0xffL)
                | (trailer[at + 1] & 0xffL) << 8
                | (trailer[at + 2] & 0xffL) << 16
                | (trailer[at + 3] & 0xffL) << 24;
    }
}
