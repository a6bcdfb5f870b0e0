package org.openahi.jpeg.lossless;

import java.util.List;
import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.entropy.BitReader;
import org.openahi.jpeg.entropy.HuffmanTable;
import org.openahi.jpeg.image.Plane;
import org.openahi.jpeg.markers.FrameComponent;
import org.openahi.jpeg.markers.FrameHeader;
import org.openahi.jpeg.markers.ScanHeader;

/**
 * Decodes one scan of a lossless frame (process 14, Huffman coding; T.81 H.1, H.2): each sample's difference
 * (categories 0 to 16, 16 meaning 32768 with no extra bits) added to its prediction, modulo 2^16.
 *
 * <p>The predictor Ps (the scan's Ss, 1 to 7) applies inside the image. The first line of the scan, and the first
 * line after each restart marker, is predicted from the left neighbour, its first sample from 2^(P-Pt-1); the first
 * sample of every other line from the sample above (T.81 H.1.2.1). Samples are kept before the point transform
 * (Pt, the scan's Al): the output stage shifts them left by Pt. Like IJG (and so DCMTK), a restart interval must
 * hold whole MCU rows, as lines are what a restart resets.
 */
public final class LosslessScan {

    private final FrameHeader frame;
    private final ScanHeader scan;
    private final HuffmanTable[] tables;
    private final Plane[] planes;

    /**
     * @param tables the Huffman table of each scan component
     * @param planes the plane of each scan component
     */
    public LosslessScan(FrameHeader frame, ScanHeader scan, HuffmanTable[] tables, Plane[] planes) {
        this.frame = frame;
        this.scan = scan;
        this.tables = tables;
        this.planes = planes;
    }

    /** Checks the scan's predictor and point transform (T.81 H.1.1, Table H.1). */
    public static void check(FrameHeader frame, ScanHeader scan) throws JpegException {
        if (scan.ss() < 1 || scan.ss() > 7) {
            throw new JpegException("lossless scan selects predictor " + scan.ss() + " (1 to 7 exist)", scan.offset());
        }
        if (scan.al() >= frame.precision()) {
            throw new JpegException(
                    "lossless scan has point transform " + scan.al() + ", not below the precision " + frame.precision(),
                    scan.offset());
        }
    }

    public void decode(BitReader in, int restartInterval) throws JpegException {
        check(frame, scan);
        List<FrameComponent> comps = scan.components();
        boolean interleaved = scan.interleaved();
        int mcusPerRow = interleaved ? frame.mcusPerRow() : comps.get(0).width();
        int mcuRows = interleaved ? frame.mcuRows() : comps.get(0).height();
        if (restartInterval % mcusPerRow != 0) {
            throw new JpegException(
                    "restart interval of " + restartInterval + " MCUs does not hold whole rows of " + mcusPerRow
                            + " MCUs, as a lossless scan needs",
                    scan.offset());
        }
        int rowsPerInterval = restartInterval / mcusPerRow;
        int initial = 1 << (frame.precision() - scan.al() - 1);
        int predictor = scan.ss();
        int restarts = 0;
        int[] differences = interleaved ? null : new int[mcusPerRow];
        for (int my = 0; my < mcuRows; my++) {
            boolean firstLine = my == 0;
            if (rowsPerInterval > 0 && my > 0 && my % rowsPerInterval == 0) {
                in.restart(restarts++ & 7);
                firstLine = true;
            }
            if (!interleaved) {
                decodeLine(in, tables[0], planes[0], my, firstLine ? initial : -1, predictor, differences);
            } else {
                decodeMcuRow(in, comps, my, firstLine ? initial : -1, predictor);
            }
            in.checkNotOverrun("line", my);
        }
        in.checkNotOverrun("the scan");
    }

    /**
     * One line of a non-interleaved scan; {@code initial} >= 0 on a line predicted one-dimensionally. The line's
     * differences are decoded first, then added to their predictions in a loop per predictor.
     */
    private static void decodeLine(
            BitReader in, HuffmanTable table, Plane plane, int y, int initial, int predictor, int[] d)
            throws JpegException {
        short[] s = plane.samples();
        int stride = plane.stride();
        int width = plane.width();
        int row = y * stride;
        table.decodeDifferences(in, d, width);
        if (initial >= 0) {
            int ra = initial;
            for (int x = 0; x < width; x++) {
                ra = (ra + d[x]) & 0xFFFF;
                s[row + x] = (short) ra;
            }
            return;
        }
        int up = row - stride;
        s[row] = (short) (s[up] + d[0]);
        switch (predictor) {
            case 1 -> {
                int ra = s[row] & 0xFFFF;
                for (int x = 1; x < width; x++) {
                    ra = (ra + d[x]) & 0xFFFF;
                    s[row + x] = (short) ra;
                }
            }
            case 2 -> {
                for (int x = 1; x < width; x++) {
                    s[row + x] = (short) (s[up + x] + d[x]);
                }
            }
            case 3 -> {
                for (int x = 1; x < width; x++) {
                    s[row + x] = (short) (s[up + x - 1] + d[x]);
                }
            }
            default -> {
                int ra = s[row] & 0xFFFF;
                int rb = s[up] & 0xFFFF;
                for (int x = 1; x < width; x++) {
                    int rc = rb;
                    rb = s[up + x] & 0xFFFF;
                    ra = (predict(predictor, ra, rb, rc) + d[x]) & 0xFFFF;
                    s[row + x] = (short) ra;
                }
            }
        }
    }

    /**
     * One row of interleaved MCUs: Hi x Vi samples of each component in turn. MCUs at the right edge may hold samples
     * past a component's width, which are decoded into the plane's padding and never read back as neighbours.
     */
    private void decodeMcuRow(BitReader in, List<FrameComponent> comps, int my, int initial, int predictor)
            throws JpegException {
        for (int mx = 0; mx < frame.mcusPerRow(); mx++) {
            for (int i = 0; i < comps.size(); i++) {
                FrameComponent c = comps.get(i);
                Plane plane = planes[i];
                short[] s = plane.samples();
                int stride = plane.stride();
                for (int v = 0; v < c.v(); v++) {
                    int y = my * c.v() + v;
                    int row = y * stride;
                    for (int h = 0; h < c.h(); h++) {
                        int x = mx * c.h() + h;
                        int prediction;
                        if (v == 0 && initial >= 0) {
                            prediction = x == 0 ? initial : s[row + x - 1] & 0xFFFF;
                        } else if (x == 0) {
                            prediction = s[row - stride] & 0xFFFF;
                        } else {
                            prediction = predict(
                                    predictor,
                                    s[row + x - 1] & 0xFFFF,
                                    s[row - stride + x] & 0xFFFF,
                                    s[row - stride + x - 1] & 0xFFFF);
                        }
                        s[row + x] = (short) (prediction + tables[i].decodeDifference(in, 16));
                    }
                }
            }
        }
    }

    /** The prediction of T.81 Table H.1, in integer arithmetic as IJG computes it. */
    private static int predict(int predictor, int ra, int rb, int rc) {
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }
}
