package org.openahi.core.pixels;

import org.openahi.jpegls.DecodedImage;
import org.openahi.jpegls.FrameInfo;
import org.openahi.jpegls.JpegLsDecoder;
import org.openahi.jpegls.JpegLsException;

/**
 * JPEG-LS frames (.80, .81) through module jpegls: the samples as coded (unsigned; for Pixel Representation 1 their
 * two's complement bits), components interleaved whatever the scans' interleave mode.
 */
final class JpegLsCodec implements FrameCodec {
    private final DecoderPool<JpegLsDecoder> decoders = new DecoderPool<>(JpegLsDecoder::new);

    @Override
    public PixelLayout decodedLayout(PixelLayout encoded) {
        return encoded.interleaved();
    }

    @Override
    public byte[] decode(byte[] frame, PixelLayout encoded) throws UnsupportedPixelsException {
        DecodedImage image = decoders.with(decoder -> {
            try {
                FrameInfo info = decoder.info(frame);
                CodecOutput.checkSize("JPEG-LS", info.width(), info.height(), info.components(), encoded);
                return decoder.decode(frame);
            } catch (JpegLsException e) {
                throw new UnsupportedPixelsException("the JPEG-LS frame cannot be decoded: " + e.getMessage());
            }
        });
        return CodecOutput.toNative("JPEG-LS", image.nativeBytes(), image.bytesPerSample(), false, encoded);
    }
}
