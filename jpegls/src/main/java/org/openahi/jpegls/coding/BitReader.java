package org.openahi.jpegls.coding;

import java.util.Locale;
import org.openahi.jpegls.JpegLsException;

/**
 * The bits of one scan's coded data (T.87 A.1): most significant bit first, a 0 bit stuffed after every 0xFF byte,
 * a marker wherever 0xFF is followed by a byte with its top bit set. Past the end of a restart interval's data the
 * reader supplies zero bits and counts them, so a caller can tell a truncated scan ({@link #overrun()}) without a
 * check on every read.
 */
public final class BitReader {

    private byte[] data;
    private int pos;
    /** The end of the scan's data. */
    private int end;
    /** Where the current interval's data stops: the scan's end or the first marker found before it. */
    private int stop;
    /** Unread bits, most significant first. */
    private long cache;
    /** How many of the cache's top bits are valid. */
    private int count;
    /** Zero bits supplied past {@link #stop}. */
    private int supplied;

    /** Starts reading the coded data in {@code data[from..to)}. */
    public void start(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.end = to;
        this.stop = to;
        this.cache = 0;
        this.count = 0;
        this.supplied = 0;
    }

    /** Whether the decoding has read bits that the data does not have. */
    public boolean overrun() {
        return supplied > count;
    }

    /** The offset of the next unread byte, for errors. */
    public int position() {
        return pos;
    }

    /**
     * Moves past the restart marker RSTm that ends the current interval ({@code m} = {@code index}); the bits left of
     * the interval are padding.
     */
    public void restart(int index) throws JpegLsException {
        int marker = nextMarker(pos);
        int expected = 0xD0 + index;
        if (marker < 0 || (data[marker + 1] & 0xFF) != expected) {
            throw new JpegLsException(
                    0x0201,
                    "expected restart marker FF" + Integer.toHexString(expected).toUpperCase(Locale.ROOT)
                            + (marker < 0
                                    ? " before the end of the scan"
                                    : ", found FF"
                                            + Integer.toHexString(data[marker + 1] & 0xFF)
                                                    .toUpperCase(Locale.ROOT)),
                    marker < 0 ? end : marker);
        }
        start(data, marker + 2, end);
    }

    /** The offset of the first marker (0xFF, then a byte with its top bit set) at or after {@code from}, or -1. */
    private int nextMarker(int from) {
        for (int i = from; i + 1 < end; i++) {
            if ((data[i] & 0xFF) == 0xFF) {
                if ((data[i + 1] & 0x80) != 0) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** Tops the cache up to more than 56 valid bits. */
    private void fill() {
        while (count <= 56) {
            if (pos >= stop) {
                supplied += 8;
                count += 8;
                continue;
            }
            int b = data[pos] & 0xFF;
            if (b == 0xFF) {
                if (pos + 1 >= stop || (data[pos + 1] & 0x80) != 0) {
                    stop = pos;
                    continue;
                }
                // The stuffed 0 bit is the top bit of the next byte: it lands on this byte's last bit and leaves it 1.
                cache |= 0xFFL << (56 - count);
                count += 7;
            } else {
                cache |= (long) b << (56 - count);
                count += 8;
            }
            pos++;
        }
    }

    /** One bit. */
    public int readBit() {
        if (count == 0) {
            fill();
        }
        int bit = (int) (cache >>> 63);
        cache <<= 1;
        count--;
        return bit;
    }

    /** {@code n} bits (1..31) as an unsigned number. */
    public int readBits(int n) {
        if (count < n) {
            fill();
        }
        int value = (int) (cache >>> (64 - n));
        cache <<= n;
        count -= n;
        return value;
    }

    /**
     * A mapped error value in the limited-length Golomb code of A.5.3: a unary prefix, then {@code k} bits; or, after a
     * prefix of {@code limit - qbpp - 1} zeros, the value less one in {@code qbpp} bits.
     */
    public int readGolomb(int k, int limit, int qbpp) throws JpegLsException {
        int escape = limit - qbpp - 1;
        int prefix = readUnary(escape);
        if (prefix < escape) {
            return k == 0 ? prefix : prefix << k | readBits(k);
        }
        return readBits(qbpp) + 1;
    }

    /** Counts 0 bits up to the next 1 bit, which is consumed; more than {@code max} zeros is corrupt data. */
    private int readUnary(int max) throws JpegLsException {
        int zeros = 0;
        while (true) {
            if (count < 32) {
                fill();
            }
            int leading = Long.numberOfLeadingZeros(cache);
            if (leading < count) {
                cache = cache << leading << 1;
                count -= leading + 1;
                zeros += leading;
                break;
            }
            zeros += count;
            cache = 0;
            count = 0;
            if (zeros > max) {
                break;
            }
        }
        if (zeros > max) {
            if (supplied > 0) {
                throw new JpegLsException(0x0203, "the coded data ends inside a Golomb code", stop);
            }
            throw new JpegLsException(
                    0x0202,
                    "a Golomb code with a prefix of " + zeros + " zero bits (at most " + max + " allowed)",
                    pos);
        }
        return zeros;
    }
}
