package org.openahi.jpeg;

import org.openahi.jpeg.pipeline.FrameDecoder;

/**
 * Decodes JPEG frames (ITU-T T.81, Huffman coding) as DICOM encapsulates them: lossless (process 14, predictors 1
 * to 7, 2 to 16 bits, point transform), baseline and extended sequential DCT (8 and 12 bits) and progressive DCT
 * (spectral selection and successive approximation), 1 to 4 components with any sampling factors, restart markers
 * and multiple scans. Lossy images decode to the samples DCMTK's {@code dcmdjpeg} gives (same inverse DCT and
 * upsampling). Arithmetic coding, hierarchical frames and DNL are refused.
 *
 * <p>Samples are returned as coded, unless {@link ColourConversion#YBR_TO_RGB} is asked for: see
 * {@code docs/codecs.md} for what comes back for each Photometric Interpretation. Every problem with the input is a
 * {@link JpegException}; memory is bounded by the frame's declared size, which must be within the sample budget.
 * An instance holds no state between calls and may be shared between threads.
 */
public final class JpegDecoder {

    /** Default limit on the samples of one decoded image: 2^26 (e.g. 8192 x 8192 grey). */
    public static final long DEFAULT_MAX_SAMPLES = 1L << 26;

    private final long maxSamples;

    public JpegDecoder() {
        this(DEFAULT_MAX_SAMPLES);
    }

    /** A decoder that refuses images of more than {@code maxSamples} samples (width x height x components). */
    public JpegDecoder(long maxSamples) {
        this.maxSamples = Math.min(maxSamples, Integer.MAX_VALUE / 2 - 64);
    }

    /** The header facts, without decoding any entropy-coded data. */
    public JpegInfo info(byte[] frame) throws JpegException {
        return new FrameDecoder(frame, maxSamples).info();
    }

    /** Decodes with the components as coded ({@link ColourConversion#NONE}). */
    public DecodedImage decode(byte[] frame) throws JpegException {
        return decode(frame, ColourConversion.NONE);
    }

    public DecodedImage decode(byte[] frame, ColourConversion conversion) throws JpegException {
        FrameDecoder.Decoded decoded = new FrameDecoder(frame, maxSamples).decode(conversion);
        return new DecodedImage(decoded.info(), conversion, decoded.nativeBytes());
    }
}
