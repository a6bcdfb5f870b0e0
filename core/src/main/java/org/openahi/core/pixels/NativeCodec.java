package org.openahi.core.pixels;

/** Native frames: the DICOM reader already gives them little-endian, so they are their own decoding. */
final class NativeCodec implements FrameCodec {

    @Override
    public PixelLayout decodedLayout(PixelLayout encoded) {
        return encoded;
    }

    @Override
    public byte[] decode(byte[] frame, PixelLayout encoded) {
        return frame;
    }
}
