package org.openahi.core.pixels;

import org.openahi.jpeg.ColourConversion;
import org.openahi.jpeg.DecodedImage;
import org.openahi.jpeg.JpegDecoder;
import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.JpegInfo;

/**
 * JPEG frames (ISO 10918: lossless, baseline, extended, progressive) through module jpeg: the components as coded,
 * without colour conversion (DCMTK's {@code dcmdjpeg +cn}), interleaved, subsampled chroma brought to full
 * resolution, so YBR_FULL_422 data decodes to YBR_FULL. Partial-range YBR data has no native full-resolution
 * interpretation and is refused.
 */
final class JpegCodec implements FrameCodec {
    /** Holds no state between frames; shared. */
    private final JpegDecoder decoder = new JpegDecoder();

    @Override
    public PixelLayout decodedLayout(PixelLayout encoded) throws UnsupportedPixelsException {
        String photometric = encoded.photometricInterpretation();
        if (photometric.startsWith("YBR_PARTIAL")) {
            throw new UnsupportedPixelsException(photometric + " JPEG frames are not decoded: their chroma at full "
                    + "resolution has no native Photometric Interpretation");
        }
        return (photometric.equals("YBR_FULL_422") ? encoded.withPhotometricInterpretation("YBR_FULL") : encoded)
                .interleaved();
    }

    @Override
    public byte[] decode(byte[] frame, PixelLayout encoded) throws UnsupportedPixelsException {
        DecodedImage image;
        try {
            JpegInfo info = decoder.info(frame);
            CodecOutput.checkSize("JPEG", info.width(), info.height(), info.components(), encoded);
            image = decoder.decode(frame, ColourConversion.NONE);
        } catch (JpegException e) {
            throw new UnsupportedPixelsException("the JPEG frame cannot be decoded: " + e.getMessage());
        }
        return CodecOutput.toNative("JPEG", image.nativeBytes(), image.bytesPerSample(), false, decodedLayout(encoded));
    }
}
