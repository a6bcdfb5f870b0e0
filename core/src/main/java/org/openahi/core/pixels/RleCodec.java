package org.openahi.core.pixels;

/** RLE Lossless frames through {@link RleDecoder}, which gives the colour planes interleaved. */
final class RleCodec implements FrameCodec {

    @Override
    public PixelLayout decodedLayout(PixelLayout encoded) {
        return encoded.interleaved();
    }

    @Override
    public byte[] decode(byte[] frame, PixelLayout encoded) throws UnsupportedPixelsException {
        return RleDecoder.decode(frame, encoded);
    }
}
