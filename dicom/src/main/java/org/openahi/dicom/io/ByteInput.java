package org.openahi.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.openahi.dicom.DicomParseException;

/**
 * Buffered bytes from a file (random access: values can be skipped and referenced by offset) or from a stream
 * (sequential). Positions are absolute offsets from the start of the input; after {@link #inflateRest()} they count
 * bytes of the inflated data set. Running out of bytes is an {@link EOFException}; memory for a value is allocated
 * as its bytes arrive, never from a declared length alone.
 */
final class ByteInput implements Closeable {

    private static final int BUFFER = 64 * 1024;
    /** Largest first allocation for a value read from a stream; it doubles as more bytes arrive. */
    private static final int FIRST_CHUNK = 1 << 20;

    private final Path file;
    private FileChannel channel;
    private InputStream stream;
    private long size;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private long bufStart;
    private Inflater inflater;

    private ByteInput(Path file, FileChannel channel, InputStream stream, long size) {
        this.file = file;
        this.channel = channel;
        this.stream = stream;
        this.size = size;
    }

    static ByteInput open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new ByteInput(file, channel, null, channel.size());
    }

    static ByteInput of(InputStream stream) {
        return new ByteInput(null, null, stream, -1);
    }

    /** The file values may be referenced in, or {@code null} when values must be read into memory. */
    Path file() {
        return channel == null ? null : file;
    }

    /** Total length when known (a file that is not deflated), else -1. */
    long size() {
        return size;
    }

    boolean inflated() {
        return inflater != null;
    }

    long position() {
        return bufStart + pos;
    }

    /** Makes {@code n} (at most the buffer size) bytes available; false when the input ends first. */
    boolean request(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (n > buf.length) {
            throw new IllegalArgumentException(n + " bytes do not fit the " + buf.length + "-byte buffer");
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            int read = channel != null
                    ? channel.read(ByteBuffer.wrap(buf, lim, buf.length - lim))
                    : fill(buf, lim, buf.length - lim);
            if (read < 0) {
                return false;
            }
            lim += read;
        }
        return true;
    }

    /** Reads from the stream; a corrupt deflate stream is bad input wherever it is met, a frame included. */
    private int fill(byte[] target, int offset, int length) throws IOException {
        try {
            return stream.read(target, offset, length);
        } catch (ZipException e) {
            throw new DicomParseException("corrupt deflated data set: " + e.getMessage(), position(), "", e);
        }
    }

    private void require(int n) throws IOException {
        if (!request(n)) {
            throw new EOFException("unexpected end of data: " + n + " bytes needed, " + (lim - pos) + " left");
        }
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return !request(1);
    }

    /** Bytes available without blocking beyond the buffer (used to tell trailing garbage from a header). */
    int buffered() {
        return lim - pos;
    }

    /** The byte {@code i} positions ahead (after {@link #request}). */
    int peek(int i) {
        return buf[pos + i] & 0xFF;
    }

    int u8() throws IOException {
        require(1);
        return buf[pos++] & 0xFF;
    }

    int u16(boolean bigEndian) throws IOException {
        require(2);
        int a = buf[pos] & 0xFF;
        int b = buf[pos + 1] & 0xFF;
        pos += 2;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    /** An unsigned 32-bit number: lengths are unsigned, the largest stays 4294967295 (never negative). */
    long u32(boolean bigEndian) throws IOException {
        require(4);
        long v = bigEndian
                ? (buf[pos] & 0xFFL) << 24
                        | (buf[pos + 1] & 0xFF) << 16
                        | (buf[pos + 2] & 0xFF) << 8
                        | buf[pos + 3] & 0xFF
                : (buf[pos + 3] & 0xFFL) << 24
                        | (buf[pos + 2] & 0xFF) << 16
                        | (buf[pos + 1] & 0xFF) << 8
                        | buf[pos] & 0xFF;
        pos += 4;
        return v;
    }

    /** Reads exactly {@code length} bytes, growing the array as they arrive. */
    byte[] read(long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("value of " + length + " bytes cannot be held in memory");
        }
        int n = (int) length;
        if (size >= 0 && position() + n > size) {
            throw new EOFException(
                    "value of " + n + " bytes runs past the end of the input (" + (size - position()) + " bytes left)");
        }
        byte[] out = new byte[size >= 0 ? n : Math.min(n, FIRST_CHUNK)];
        int filled = 0;
        while (filled < n) {
            if (filled == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
            }
            if (pos == lim && !request(1)) {
                throw new EOFException("value of " + n + " bytes ended after " + filled + " bytes");
            }
            int chunk = Math.min(out.length - filled, lim - pos);
            System.arraycopy(buf, pos, out, filled, chunk);
            pos += chunk;
            filled += chunk;
        }
        return out;
    }

    /**
     * Copies up to {@code length} bytes into {@code target}; returns the count (0 only at the end). A read of at least
     * the buffer's size with the buffer empty (most of a frame) goes straight from the input into {@code target},
     * rather than through the buffer: one copy of the frame less.
     */
    int readSome(byte[] target, int offset, int length) throws IOException {
        if (pos == lim && length >= buf.length) {
            bufStart += lim;
            pos = 0;
            lim = 0;
            int read = channel != null
                    ? channel.read(ByteBuffer.wrap(target, offset, length))
                    : fill(target, offset, length);
            if (read <= 0) {
                return 0;
            }
            bufStart += read;
            return read;
        }
        if (pos == lim && !request(1)) {
            return 0;
        }
        int n = Math.min(length, lim - pos);
        System.arraycopy(buf, pos, target, offset, n);
        pos += n;
        return n;
    }

    /** Skips {@code length} bytes: a seek in a file, reading and discarding in a stream. */
    void skip(long length) throws IOException {
        if (length <= lim - pos) {
            pos += (int) length;
            return;
        }
        if (channel != null) {
            seek(position() + length);
            return;
        }
        long left = length - (lim - pos);
        pos = lim;
        while (left > 0) {
            if (!request(1)) {
                throw new EOFException("unexpected end of data: " + left + " more bytes to skip");
            }
            int n = (int) Math.min(left, lim - pos);
            pos += n;
            left -= n;
        }
    }

    /** Moves to an absolute position of a file. */
    void seek(long position) throws IOException {
        if (position > size) {
            throw new EOFException("position " + position + " is past the end of the file (" + size + " bytes)");
        }
        if (position >= bufStart && position <= bufStart + lim) {
            pos = (int) (position - bufStart);
            return;
        }
        channel.position(position);
        bufStart = position;
        pos = 0;
        lim = 0;
    }

    /** From here on, bytes are the raw deflate stream of a Deflated Explicit VR transfer syntax. */
    void inflateRest() throws IOException {
        InputStream rest = channel != null ? Channels.newInputStream(channel) : stream;
        InputStream compressed = new SequenceInputStream(new ByteArrayInputStream(buf, pos, lim - pos), rest);
        inflater = new Inflater(true);
        stream = new InflaterInputStream(compressed, inflater, BUFFER);
        channel = null;
        size = -1;
        bufStart = 0;
        pos = 0;
        lim = 0;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (stream != null) {
            stream.close();
        }
        if (inflater != null) {
            inflater.end();
        }
    }
}
