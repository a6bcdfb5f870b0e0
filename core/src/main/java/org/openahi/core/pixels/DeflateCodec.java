package org.openahi.core.pixels;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Deflated Image Frame Compression (1.2.840.10008.1.2.8.1, PS3.5 §8.2.16): each frame is its native pixel data
 * (a 1-bit frame from bit 0 of its first byte) compressed with deflate, without zlib header. The output is bounded
 * by the frame size the attributes declare: a stream that inflates to more or less is refused.
 */
final class DeflateCodec implements FrameCodec {

    @Override
    public PixelLayout decodedLayout(PixelLayout encoded) {
        return encoded;
    }

    @Override
    public byte[] decode(byte[] frame, PixelLayout encoded) throws UnsupportedPixelsException {
        long expected = encoded.nativeFrameBytes();
        if (expected > Integer.MAX_VALUE - 8) {
            throw new UnsupportedPixelsException("a deflated frame of " + expected + " bytes is too large");
        }
        byte[] out = new byte[(int) expected];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(frame);
            int written = 0;
            while (written < out.length) {
                int n = inflater.inflate(out, written, out.length - written);
                written += n;
                if (n == 0) {
                    break; // finished, out of input or asking for a dictionary: no more output will come
                }
            }
            if (written < out.length) {
                throw new UnsupportedPixelsException("the deflated frame inflates to " + written + " bytes; its pixel "
                        + "attributes need " + out.length);
            }
            if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                throw new UnsupportedPixelsException("the deflated frame inflates to more than the " + out.length
                        + " bytes its pixel attributes need");
            }
            return out;
        } catch (DataFormatException e) {
            throw new UnsupportedPixelsException("the deflated frame is not a deflate stream: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
