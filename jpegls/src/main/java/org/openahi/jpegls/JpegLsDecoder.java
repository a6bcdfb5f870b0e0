package org.openahi.jpegls;

import java.util.List;
import org.openahi.jpegls.interleave.ScanDecoder;
import org.openahi.jpegls.markers.Codestream;
import org.openahi.jpegls.markers.CodestreamReader;
import org.openahi.jpegls.markers.FrameHeader;
import org.openahi.jpegls.markers.ScanHeader;

/**
 * Decodes JPEG-LS frames (ITU-T T.87 | ISO/IEC 14495-1), the pixel data of DICOM's JPEG-LS Lossless (1.2.840.10008
 * .1.2.4.80) and Near-Lossless (.81) transfer syntaxes: 2 to 16 bits, any number of components, the three interleave
 * modes, default or LSE preset coding parameters, restart markers, a DNL or oversize-dimension segment. Refused with
 * a reason: sub-sampled components, a point transform, HP's colour transforms (APP8 "mrfx"), JPEG-LS Part 2. A
 * mapping table (palette) named by a scan is checked but not applied: the samples come out as coded, as CharLS gives
 * them.
 *
 * <p>Every problem with the input is a {@link JpegLsException}; memory is bounded by the declared frame size, which
 * is itself bounded by the sample budget. An instance keeps working buffers between frames and is not thread-safe;
 * use one per thread.
 */
public final class JpegLsDecoder {

    /** Default limit on the samples of one decoded frame: 2^26 (e.g. 8192 x 8192 grey). */
    public static final long DEFAULT_MAX_SAMPLES = 1L << 26;

    /** The largest byte array the JVM allocates. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final long maxSamples;
    private final ScanDecoder scans = new ScanDecoder();

    public JpegLsDecoder() {
        this(DEFAULT_MAX_SAMPLES);
    }

    /** A decoder that refuses frames of more than {@code maxSamples} samples (width x height x components). */
    public JpegLsDecoder(long maxSamples) {
        this.maxSamples = maxSamples;
    }

    /** The header facts, without decoding any samples. */
    public FrameInfo info(byte[] data) throws JpegLsException {
        return info(CodestreamReader.read(data));
    }

    /** Decodes a whole frame, from SOI to EOI. */
    public DecodedImage decode(byte[] data) throws JpegLsException {
        Codestream codestream = CodestreamReader.read(data);
        FrameHeader frame = codestream.frame();
        FrameInfo info = info(codestream);
        long bytes = frame.samples() * info.bytesPerSample();
        if (frame.samples() > maxSamples || bytes > MAX_BYTES) {
            throw new JpegLsException(
                    0x0501,
                    "a frame of " + frame.width() + " x " + frame.height() + " x " + frame.components()
                            + " samples is larger than this decoder's limit of " + maxSamples + " samples");
        }
        byte[] out = new byte[(int) bytes];
        List<ScanHeader> list = codestream.scans();
        for (int s = 0; s < list.size(); s++) {
            scans.decode(data, frame, list.get(s), s, out);
        }
        return new DecodedImage(info, out);
    }

    private static FrameInfo info(Codestream codestream) {
        FrameHeader frame = codestream.frame();
        ScanHeader first = codestream.scans().get(0);
        int near = 0;
        boolean mapped = false;
        for (ScanHeader scan : codestream.scans()) {
            near = Math.max(near, scan.near());
            mapped |= scan.mappingTable();
        }
        return new FrameInfo(
                frame.width(),
                frame.height(),
                frame.components(),
                frame.precision(),
                near,
                first.interleave(),
                codestream.scans().size(),
                codestream.customPresets(),
                first.restartInterval(),
                mapped);
    }
}
