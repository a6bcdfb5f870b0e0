package org.openahi.jpeg.markers;

import java.util.List;
import org.openahi.jpeg.JpegException;

/**
 * A start-of-frame segment (T.81 B.2.2): sample precision, size, components and their sampling, with the MCU
 * geometry of interleaved scans. Hierarchical and arithmetic-coded frames are refused before this is read.
 *
 * @param marker     SOF0 (baseline), SOF1 (extended), SOF2 (progressive) or SOF3 (lossless)
 * @param precision  sample precision P in bits
 * @param width      samples per line X
 * @param height     lines Y
 * @param components the frame's components, in header order
 * @param maxH       Hmax
 * @param maxV       Vmax
 * @param unit       data unit size: 8 (an 8 x 8 block) for the DCT processes, 1 (a sample) for lossless
 * @param mcusPerRow MCUs per row of an interleaved scan
 * @param mcuRows    rows of MCUs of an interleaved scan
 */
public record FrameHeader(
        int marker,
        int precision,
        int width,
        int height,
        List<FrameComponent> components,
        int maxH,
        int maxV,
        int unit,
        int mcusPerRow,
        int mcuRows) {

    /** DICOM images have at most 4 components (T.81 allows 255); more are refused. */
    public static final int MAX_COMPONENTS = 4;

    public boolean lossless() {
        return marker == Markers.SOF3;
    }

    public boolean progressive() {
        return marker == Markers.SOF2;
    }

    public static FrameHeader read(Segment s) throws JpegException {
        int marker = s.marker();
        int at = s.position();
        int precision = s.u8();
        int height = s.u16();
        int width = s.u16();
        int count = s.u8();
        String name = Markers.name(marker);
        boolean lossless = marker == Markers.SOF3;
        if (lossless ? precision < 2 || precision > 16 : precision != 8 && precision != 12) {
            throw new JpegException(
                    name + " declares sample precision " + precision + " (allowed: "
                            + (lossless ? "2 to 16" : "8 or 12") + ")",
                    at);
        }
        if (height == 0) {
            throw new JpegException(
                    name + " declares 0 lines: the height would follow in a DNL marker, which this decoder "
                            + "does not read",
                    at + 1);
        }
        if (width == 0) {
            throw new JpegException(name + " declares 0 samples per line", at + 3);
        }
        if (count < 1 || count > MAX_COMPONENTS) {
            throw new JpegException(
                    name + " declares " + count + " components (1 to " + MAX_COMPONENTS + " are read)", at + 5);
        }
        int[] ids = new int[count];
        int[] hs = new int[count];
        int[] vs = new int[count];
        int[] tqs = new int[count];
        int maxH = 1;
        int maxV = 1;
        for (int i = 0; i < count; i++) {
            int p = s.position();
            ids[i] = s.u8();
            int hv = s.u8();
            tqs[i] = s.u8();
            hs[i] = hv >> 4;
            vs[i] = hv & 15;
            if (hs[i] < 1 || hs[i] > 4 || vs[i] < 1 || vs[i] > 4) {
                throw new JpegException(
                        name + " component " + ids[i] + " has sampling factors " + hs[i] + "x" + vs[i]
                                + " (1 to 4 allowed)",
                        p + 1);
            }
            if (tqs[i] > 3) {
                throw new JpegException(name + " component " + ids[i] + " selects quantisation table " + tqs[i], p + 2);
            }
            for (int j = 0; j < i; j++) {
                if (ids[j] == ids[i]) {
                    throw new JpegException(name + " declares component " + ids[i] + " twice", p);
                }
            }
            maxH = Math.max(maxH, hs[i]);
            maxV = Math.max(maxV, vs[i]);
        }
        s.expectEnd();
        int unit = lossless ? 1 : 8;
        int mcusPerRow = ceilDiv(width, unit * maxH);
        int mcuRows = ceilDiv(height, unit * maxV);
        FrameComponent[] components = new FrameComponent[count];
        for (int i = 0; i < count; i++) {
            int w = ceilDiv(width * hs[i], maxH);
            int h = ceilDiv(height * vs[i], maxV);
            components[i] = new FrameComponent(
                    i,
                    ids[i],
                    hs[i],
                    vs[i],
                    tqs[i],
                    w,
                    h,
                    ceilDiv(w, unit),
                    ceilDiv(h, unit),
                    mcusPerRow * hs[i],
                    mcuRows * vs[i]);
        }
        return new FrameHeader(
                marker, precision, width, height, List.of(components), maxH, maxV, unit, mcusPerRow, mcuRows);
    }

    /** The sampling factors as text, e.g. {@code 2x2,1x1,1x1}. */
    public String sampling() {
        StringBuilder out = new StringBuilder();
        for (FrameComponent c : components) {
            out.append(out.isEmpty() ? "" : ",").append(c.h()).append('x').append(c.v());
        }
        return out.toString();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
