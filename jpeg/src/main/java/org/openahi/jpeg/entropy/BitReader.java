package org.openahi.jpeg.entropy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.markers.Markers;

/**
 * Reads the entropy-coded data of a scan bit by bit (T.81 F.2.2.5): removes the 0x00 stuffed after each 0xFF data
 * byte and stops at the first marker, after which it supplies zero bits. Those zeros are only lookahead for the
 * Huffman decoder: a scan that actually consumes them has run out of data, and {@link #checkNotOverrun} refuses it.
 */
public final class BitReader {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final byte[] data;
    private int pos;
    /** Unconsumed bits, left-aligned (the next bit is bit 63). */
    long buffer;

    int bits;
    /** Zero bits appended after the data ended; they are the last {@code padding} of the {@code bits}. */
    private int padding;
    /** Where the marker that ended the data starts, or -1 while data remain. */
    private int markerAt = -1;

    public BitReader(byte[] data, int start) {
        this.data = data;
        this.pos = start;
    }

    /** The next 16 bits, not consumed. */
    public int peek16() {
        if (bits < 16) {
            fill();
        }
        return (int) (buffer >>> 48);
    }

    public void skip(int n) {
        buffer <<= n;
        bits -= n;
    }

    /** The next {@code n} bits (0 to 16) as an unsigned number. */
    public int bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        int value = (int) (buffer >>> (64 - n));
        buffer <<= n;
        bits -= n;
        return value;
    }

    public int bit() {
        if (bits < 1) {
            fill();
        }
        int value = (int) (buffer >>> 63);
        buffer <<= 1;
        bits--;
        return value;
    }

    /** The {@code n}-bit magnitude category value, extended to its signed difference (T.81 F.2.2.1 EXTEND). */
    public int extend(int n) {
        if (n == 0) {
            return 0;
        }
        int v = bits(n);
        return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
    }

    /** Approximate offset of the next unread bit, for messages. */
    public int offset() {
        int consumed = pos - Math.max(0, bits - padding) / 8;
        return Math.max(0, markerAt >= 0 ? Math.min(consumed, markerAt) : consumed);
    }

    /** Refuses a scan (or restart interval) that needed more bits than its entropy-coded data holds. */
    public void checkNotOverrun(String what) throws JpegException {
        checkNotOverrun(what, -1);
    }

    /**
     * {@link #checkNotOverrun(String)} for the numbered part {@code what index} (a row of blocks, MCUs or lines),
     * checked after each: the message is only made when it fails.
     */
    public void checkNotOverrun(String what, int index) throws JpegException {
        if (padding > bits) {
            if (index >= 0) {
                what = what + " " + index;
            }
            throw new JpegException(
                    "entropy-coded data ends before " + what + " is complete (truncated or corrupt " + "data; "
                            + describeEnd() + ")",
                    markerAt >= 0 ? markerAt : data.length);
        }
    }

    /**
     * At the end of a restart interval: the next marker must be RST{@code expected}. Reading resumes after it with
     * an empty buffer and the predictions reset by the caller.
     */
    public void restart(int expected) throws JpegException {
        checkNotOverrun("its restart interval");
        int p = markerPosition();
        while (p + 1 < data.length && (data[p] & 0xFF) == 0xFF && (data[p + 1] & 0xFF) == 0xFF) {
            p++;
        }
        int code = p + 1 < data.length && (data[p] & 0xFF) == 0xFF ? data[p + 1] & 0xFF : -1;
        if (code != Markers.RST0 + expected) {
            throw new JpegException(
                    "expected RST" + expected + " after a restart interval, found "
                            + (code < 0 ? "the end of the data" : Markers.name(code)),
                    p);
        }
        pos = p + 2;
        buffer = 0;
        bits = 0;
        padding = 0;
        markerAt = -1;
    }

    /**
     * Where the marker after the entropy-coded data starts (or the data ends): the marker reader continues there.
     * Bytes between the last consumed bit and the marker (a partial byte's padding, or garbage) are skipped.
     */
    public int markerPosition() {
        if (markerAt >= 0) {
            return markerAt;
        }
        int p = pos;
        while (p + 1 < data.length && !((data[p] & 0xFF) == 0xFF && (data[p + 1] & 0xFF) != 0)) {
            p++;
        }
        return Math.min(p, data.length);
    }

    private String describeEnd() {
        if (markerAt >= data.length - 1) {
            return "the frame ends";
        }
        return Markers.name(data[markerAt + 1] & 0xFF) + " follows";
    }

    void fill() {
        if (markerAt < 0 && pos + 8 <= data.length) {
            // Most of the time the next 8 bytes hold no 0xFF: take all the whole bytes that fit at once.
            long next = (long) LONG_BE.get(data, pos);
            long inverted = ~next;
            if (((inverted - ONES) & ~inverted & HIGHS) == 0) {
                int take = (64 - bits) >> 3;
                buffer |= next >>> (64 - 8 * take) << (64 - bits - 8 * take);
                bits += 8 * take;
                pos += take;
                return;
            }
        }
        while (bits <= 56) {
            if (markerAt < 0) {
                if (pos >= data.length) {
                    markerAt = data.length;
                } else {
                    int b = data[pos] & 0xFF;
                    if (b != 0xFF) {
                        pos++;
                        buffer |= (long) b << (56 - bits);
                        bits += 8;
                        continue;
                    }
                    if (pos + 1 < data.length && data[pos + 1] == 0) {
                        pos += 2;
                        buffer |= 0xFFL << (56 - bits);
                        bits += 8;
                        continue;
                    }
                    markerAt = pos;
                }
            }
            bits += 8;
            padding += 8;
        }
    }
}
