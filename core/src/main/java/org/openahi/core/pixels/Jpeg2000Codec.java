package org.openahi.core.pixels;

import org.openahi.htj2k.CodestreamInfo;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kException;

/**
 * JPEG 2000 family frames through module htj2k's decoder, raw codestreams or JP2/JPH files: the samples with the
 * codestream's signedness, components interleaved, a colour transform (RCT, ICT) undone, so YBR_RCT and YBR_ICT data
 * comes out as RGB.
 */
final class Jpeg2000Codec implements FrameCodec {
    private final DecoderPool<Htj2kDecoder> decoders = new DecoderPool<>(CodecThreads::decoder);

    @Override
    public PixelLayout decodedLayout(PixelLayout encoded) {
        String photometric = encoded.photometricInterpretation();
        boolean transformed = photometric.equals("YBR_RCT") || photometric.equals("YBR_ICT");
        return (transformed ? encoded.withPhotometricInterpretation("RGB") : encoded).interleaved();
    }

    @Override
    public byte[] decode(byte[] frame, PixelLayout encoded) throws UnsupportedPixelsException {
        DecodedImage image = decoders.with(decoder -> {
            try {
                CodestreamInfo info = decoder.info(frame);
                CodecOutput.checkSize("JPEG 2000", info.width(), info.height(), info.components(), encoded);
                return decoder.decode(frame);
            } catch (Htj2kException e) {
                throw new UnsupportedPixelsException("the JPEG 2000 frame cannot be decoded: " + e.getMessage());
            }
        });
        return CodecOutput.toNative("JPEG 2000", image.nativeBytes(), image.bytesPerSample(), image.signed(), encoded);
    }
}
