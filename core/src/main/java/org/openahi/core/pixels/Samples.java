package org.openahi.core.pixels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.openahi.htj2k.DecodedImage;

/**
 * A frame's samples in the form the encoder takes: interleaved, little-endian, one or two bytes each. The
 * pixel value of a sample is its low {@code bitsStored} bits, sign-extended when signed (the bits above
 * HighBit are not pixel data); minimum, maximum and verification use those values.
 */
final class Samples {
    /** Values widened at a time to find their range: 8 KB, in the L1 cache. */
    private static final int RANGE_CHUNK = 2048;

    private static final VarHandle SHORTS =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] container;
    private final int bytesPerSample;
    private final int count;
    private final int bitsStored;
    private final boolean signed;
    private long min;
    private long max;

    private Samples(byte[] container, int bytesPerSample, int count, int bitsStored, boolean signed) {
        this.container = container;
        this.bytesPerSample = bytesPerSample;
        this.count = count;
        this.bitsStored = bitsStored;
        this.signed = signed;
    }

    static Samples ofNative(byte[] frame, PixelLayout layout) throws UnsupportedPixelsException {
        int count = Math.toIntExact(layout.samplesPerFrame());
        if (frame.length < layout.nativeFrameBytes()) {
            throw new UnsupportedPixelsException(
                    "the frame has " + frame.length + " bytes; its pixel attributes need " + layout.nativeFrameBytes());
        }
        if (layout.bitsAllocated() == 1) {
            byte[] unpacked = new byte[count];
            for (int i = 0; i < count; i++) {
                unpacked[i] = (byte) ((frame[i >>> 3] >>> (i & 7)) & 1);
            }
            return new Samples(unpacked, 1, count, 1, false);
        }
        int bytesPerSample = layout.bitsAllocated() / 8;
        if (bytesPerSample != 1 && bytesPerSample != 2) {
            throw new UnsupportedPixelsException("BitsAllocated " + layout.bitsAllocated() + " cannot be encoded");
        }
        // The encoders read the first count samples and write nothing, so an interleaved frame is used as it is
        // (bytes past its samples, a pad byte, are never read).
        byte[] container =
                layout.planar() && layout.samplesPerPixel() > 1 ? interleave(frame, layout, bytesPerSample) : frame;
        return new Samples(container, bytesPerSample, count, layout.bitsStored(), layout.signed());
    }

    byte[] container() {
        return container;
    }

    int bitsPerContainer() {
        return bytesPerSample * 8;
    }

    int bitsStored() {
        return bitsStored;
    }

    boolean signed() {
        return signed;
    }

    /**
     * Whether the bits above HighBit of every container are zeros or, for signed samples, the sign's extension: then
     * they hold nothing but the pixel value (decoders give signed JPEG-LS and JPEG samples as unsigned patterns, as
     * some files hold negative values too). Where other bits are set (an overlay embedded in the pixel data, as PS3.5
     * allowed before 2004; a vendor's flags), encoding BitsStored bits would drop them, so the whole containers are
     * encoded ({@link #whole}). Two vectorised range passes decide the usual cases; a mixture is checked value by value.
     */
    boolean containersHoldOnlyValues() {
        int containerBits = bytesPerSample * 8;
        if (bitsStored == containerBits) {
            return true;
        }
        // Signed samples are most often sign-extended, so that range is looked at first.
        if (signed && fitsBitsStored(rangeOf(container, count, bytesPerSample, true))
                || rangeOf(container, count, bytesPerSample, false).max() < 1L << bitsStored) {
            return true;
        }
        int signBits = (1 << (containerBits - bitsStored)) - 1;
        int other = 0;
        for (int i = 0; i < count; i++) {
            int high = (bytesPerSample == 1 ? container[i] & 0xFF : (short) SHORTS.get(container, 2 * i) & 0xFFFF)
                    >>> bitsStored;
            other |= high != 0 && !(signed && high == signBits) ? 1 : 0;
        }
        return other == 0;
    }

    /**
     * The same containers read whole: unsigned, every bit a sample's; their pixel values (for min and max) are still
     * these samples', found by {@link #findValueRange}.
     */
    Samples whole() {
        return new Samples(container, bytesPerSample, count, bytesPerSample * 8, false);
    }

    /** Finds the range of the pixel values without verifying anything (their containers were verified whole). */
    void findValueRange() {
        Reading value = new Reading(bytesPerSample, bitsStored, signed);
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            int v = value.value(container, i);
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        min = low;
        max = high;
    }

    private boolean fitsBitsStored(Range range) {
        return range.min() >= (signed ? -(1L << (bitsStored - 1)) : 0)
                && range.max() < (signed ? 1L << (bitsStored - 1) : 1L << bitsStored);
    }

    /** The CRC32 and length of a decoder's buffer. */
    record DecodedBuffer(long checksum, long length) {}

    /**
     * What a decoder gives for these samples once they are encoded, found without encoding them: the CRC32 and length
     * of its buffer ({@link DecodedImage#nativeBytes}: values interleaved, little-endian, one byte each up to 8 bits,
     * else two), which are the containers themselves when they hold only their values; the values' range on the way.
     */
    DecodedBuffer decodedBuffer() {
        int width = bitsStored > 8 ? 2 : 1;
        int length = count * width;
        CRC32 crc = new CRC32();
        if (width == bytesPerSample) {
            Range range = rangeOf(container, count, width, signed);
            if (fitsBitsStored(range)) {
                min = range.min();
                max = range.max();
                crc.update(container, 0, length);
                return new DecodedBuffer(crc.getValue(), length);
            }
        }
        byte[] buffer = new byte[length];
        Reading value = new Reading(bytesPerSample, bitsStored, signed);
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            int v = value.value(container, i);
            if (width == 1) {
                buffer[i] = (byte) v;
            } else {
                SHORTS.set(buffer, 2 * i, (short) v);
            }
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        min = low;
        max = high;
        crc.update(buffer);
        return new DecodedBuffer(crc.getValue(), length);
    }

    /** The smallest pixel value; known once {@link #verify} or {@link #decodedBuffer} has run. */
    long min() {
        return min;
    }

    /** The largest pixel value; known once {@link #verify} has run. */
    long max() {
        return max;
    }

    /**
     * Checks that the decoded image holds exactly these pixel values, finding their range on the way. It runs on every
     * frame ingested, so the common case costs two passes that C2 vectorises: the raw bytes compared with {@link
     * Arrays#mismatch}, then the range found ({@link #rangeOf}). Equal bytes are equal pixel values when every
     * container holds its value as the decoder writes it (no bits above HighBit but the sign's extension), which the
     * range shows; otherwise (different widths, bits above HighBit that are not pixel data, or a difference) every
     * value is compared ({@link #compareValues}).
     */
    void verify(DecodedImage decoded) throws PixelVerificationException {
        byte[] bytes = decoded.nativeBytes();
        int width = decoded.bytesPerSample();
        int decodedCount = bytes.length / width;
        if (decodedCount != count) {
            throw new PixelVerificationException(
                    "pixel data verification failed: " + decodedCount + " samples decoded, " + count + " expected");
        }
        if (width == bytesPerSample && decoded.signed() == signed) {
            int length = count * width;
            if (Arrays.mismatch(container, 0, length, bytes, 0, length) < 0) {
                Range range = rangeOf(bytes, count, width, signed);
                if (fitsBitsStored(range)) {
                    min = range.min();
                    max = range.max();
                    return;
                }
            }
        }
        compareValues(bytes, width, decoded.signed());
    }

    /**
     * Compares sample by sample, each read as its pixel value. Its loop tests no sample (differences are or-ed
     * together, found again only to name the first): 0.5 ms for a 512x512 16-bit frame against 1.2-1.4 ms with a test
     * per sample.
     */
    private void compareValues(byte[] bytes, int width, boolean decodedSigned) throws PixelVerificationException {
        Reading original = new Reading(bytesPerSample, bitsStored, signed);
        Reading decodedValue = new Reading(width, width * 8, decodedSigned);
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        int differences = 0;
        for (int i = 0; i < count; i++) {
            int value = original.value(container, i);
            differences |= value ^ decodedValue.value(bytes, i);
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        if (differences != 0) {
            int i = 0;
            while (original.value(container, i) == decodedValue.value(bytes, i)) {
                i++;
            }
            throw new PixelVerificationException("pixel data verification failed at sample " + i + ": decoded "
                    + decodedValue.value(bytes, i) + ", original " + original.value(container, i));
        }
        min = low;
        max = high;
    }

    private record Range(int min, int max) {}

    /**
     * The smallest and largest of the first {@code count} values of {@code width} bytes each, read whole. The values
     * are widened a chunk at a time into an {@code int[]}, whose minimum and maximum C2 vectorises (it does not for a
     * loop that reads them from the bytes): 55 against 146 us for 512x512 16-bit.
     */
    private static Range rangeOf(byte[] bytes, int count, int width, boolean signed) {
        int[] chunk = new int[RANGE_CHUNK];
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (int start = 0; start < count; start += RANGE_CHUNK) {
            int length = Math.min(RANGE_CHUNK, count - start);
            widen(bytes, start, length, width, signed, chunk);
            for (int i = 0; i < length; i++) {
                low = Math.min(low, chunk[i]);
                high = Math.max(high, chunk[i]);
            }
        }
        return new Range(low, high);
    }

    private static void widen(byte[] bytes, int start, int length, int width, boolean signed, int[] into) {
        if (width == 2 && signed) {
            for (int i = 0; i < length; i++) {
                into[i] = (short) SHORTS.get(bytes, 2 * (start + i));
            }
        } else if (width == 2) {
            for (int i = 0; i < length; i++) {
                into[i] = (short) SHORTS.get(bytes, 2 * (start + i)) & 0xFFFF;
            }
        } else if (signed) {
            for (int i = 0; i < length; i++) {
                into[i] = bytes[start + i];
            }
        } else {
            for (int i = 0; i < length; i++) {
                into[i] = bytes[start + i] & 0xFF;
            }
        }
    }

    /** How a sample's value is read: its container's little-endian bytes, the low bits kept, sign-extended if signed. */
    private record Reading(int bytesPerSample, int shift, int mask) {
        Reading(int bytesPerSample, int bits, boolean signed) {
            this(bytesPerSample, 32 - bits, signed ? -1 : (int) ((1L << bits) - 1));
        }

        int value(byte[] container, int index) {
            int raw = bytesPerSample == 1 ? container[index] : (short) SHORTS.get(container, 2 * index);
            return (raw << shift >> shift) & mask;
        }
    }

    private static byte[] interleave(byte[] frame, PixelLayout layout, int bytesPerSample) {
        int pixels = layout.rows() * layout.columns();
        int planes = layout.samplesPerPixel();
        byte[] out = new byte[pixels * planes * bytesPerSample];
        for (int plane = 0; plane < planes; plane++) {
            for (int pixel = 0; pixel < pixels; pixel++) {
                System.arraycopy(
                        frame,
                        (plane * pixels + pixel) * bytesPerSample,
                        out,
                        (pixel * planes + plane) * bytesPerSample,
                        bytesPerSample);
            }
        }
        return out;
    }
}
