package org.openahi.core.pixels;

/**
 * Decodes one RLE Lossless frame (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, each segment
 * a PackBits-coded plane of one byte of one sample (most significant byte first). The result is native pixel
 * data: little-endian, samples interleaved.
 */
final class RleDecoder {
    private RleDecoder() {}

    static byte[] decode(byte[] frame, PixelLayout layout) throws UnsupportedPixelsException {
        boolean bitPlane = layout.bitsAllocated() == 1;
        int bytesPerSample = bitPlane ? 1 : layout.bitsAllocated() / 8;
        int planes = layout.samplesPerPixel() * bytesPerSample;
        if ((!bitPlane && layout.bitsAllocated() % 8 != 0) || planes > 15 || (bitPlane && planes != 1)) {
            throw new UnsupportedPixelsException("RLE Lossless with BitsAllocated " + layout.bitsAllocated()
                    + " and SamplesPerPixel " + layout.samplesPerPixel() + " is not decodable");
        }
        if (frame.length < 64) {
            throw new UnsupportedPixelsException("RLE frame shorter than its 64-byte header");
        }
        int segments = readInt(frame, 0);
        if (segments != planes) {
            throw new UnsupportedPixelsException(
                    "RLE frame has " + segments + " segments; its pixel attributes need " + planes);
        }
        // A 1-bit frame is one segment of packed bits, eight pixels to a byte.
        int pixels = bitPlane ? (layout.rows() * layout.columns() + 7) / 8 : layout.rows() * layout.columns();
        byte[] out = new byte[Math.multiplyExact(pixels, planes)];
        for (int segment = 0; segment < segments; segment++) {
            long start = readInt(frame, 4 + 4 * segment) & 0xffffffffL;
            long end = segment + 1 < segments ? readInt(frame, 8 + 4 * segment) & 0xffffffffL : frame.length;
            if (start < 64 || end > frame.length || start > end) {
                throw new UnsupportedPixelsException("RLE segment " + (segment + 1) + " lies outside the frame");
            }
            int sample = segment / bytesPerSample;
            int byteInSample = bytesPerSample - 1 - segment % bytesPerSample;
            decodeSegment(frame, (int) start, (int) end, out, sample * bytesPerSample + byteInSample, planes, pixels);
        }
        return out;
    }

    /** PackBits: n in 0..127 copies n+1 literal bytes, n in -127..-1 repeats the next byte 1-n times, -128 is a no-op. */
    private static void decodeSegment(byte[] in, int position, int end, byte[] out, int offset, int stride, int pixels)
            throws UnsupportedPixelsException {
        int written = 0;
        while (written < pixels && position < end) {
            int n = in[position++];
            if (n >= 0) {
                int count = n + 1;
                if (position + count > end || written + count > pixels) {
                    throw new UnsupportedPixelsException("RLE literal run overruns its segment");
                }
                for (int i = 0; i < count; i++) {
                    out[offset + (written++) * stride] = in[position++];
                }
            } else if (n != -128) {
                int count = 1 - n;
                if (position >= end || written + count > pixels) {
                    throw new UnsupportedPixelsException("RLE replicate run overruns its segment");
                }
                byte value = in[position++];
                for (int i = 0; i < count; i++) {
                    out[offset + (written++) * stride] = value;
                }
            }
        }
        if (written < pixels) {
            throw new UnsupportedPixelsException("RLE segment decodes to " + written + " of " + pixels + " bytes");
        }
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff)
                | (bytes[offset + 1] & 0xff) << 8
                | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 24;
    }
}
