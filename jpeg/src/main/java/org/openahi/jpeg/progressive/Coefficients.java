package org.openahi.jpeg.progressive;

import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.dct.Idct;
import org.openahi.jpeg.image.Plane;
import org.openahi.jpeg.markers.FrameComponent;
import org.openahi.jpeg.markers.FrameHeader;
import org.openahi.jpeg.markers.ScanHeader;

/**
 * The coefficients of a progressive frame while its scans arrive, and the progression so far: for every component
 * and coefficient the Al of its last scan (-1 before its first). A scan must follow T.81 G.1.1.1: a first scan of a
 * band that has had none, or a refinement by exactly one bit of a band whose coefficients all stand at Ah. This also
 * bounds the work a stream can ask for: at most 14 scans touch a coefficient.
 */
public final class Coefficients {

    private final FrameHeader frame;
    private final short[][] blocks;
    private final int[][] bits;

    public Coefficients(FrameHeader frame) {
        this.frame = frame;
        int n = frame.components().size();
        this.blocks = new short[n][];
        this.bits = new int[n][64];
        for (FrameComponent c : frame.components()) {
            blocks[c.index()] = new short[Math.multiplyExact(c.paddedBlocksPerRow() * c.paddedBlockRows(), 64)];
            java.util.Arrays.fill(bits[c.index()], -1);
        }
    }

    /** The blocks of a component, 64 coefficients each in natural order, {@code paddedBlocksPerRow} per row. */
    public short[] blocks(FrameComponent c) {
        return blocks[c.index()];
    }

    /** Checks the scan's parameters (T.81 G.1.1.1.1, G.1.1.1.2) and records the progression it makes. */
    public void admit(ScanHeader scan) throws JpegException {
        int ss = scan.ss();
        int se = scan.se();
        int ah = scan.ah();
        int al = scan.al();
        String what = "progressive scan Ss=" + ss + " Se=" + se + " Ah=" + ah + " Al=" + al;
        if (ss == 0 ? se != 0 : se < ss || se > 63 || scan.interleaved()) {
            throw new JpegException(
                    what + ": a DC scan has Se=0, an AC scan has one component and 0 < Ss <= Se <= 63", scan.offset());
        }
        if (al > 13 || ah != 0 && al != ah - 1) {
            throw new JpegException(
                    what + ": Al must be at most 13, and a refinement must lower it by one bit", scan.offset());
        }
        for (FrameComponent c : scan.components()) {
            int[] b = bits[c.index()];
            for (int k = ss; k <= se; k++) {
                if (b[k] != (ah == 0 ? -1 : ah)) {
                    throw new JpegException(
                            what + " does not follow the progression of component " + c.id() + " (coefficient " + k
                                    + " " + (b[k] < 0 ? "has had no scan" : "stands at Al=" + b[k]) + ")",
                            scan.offset());
                }
            }
            for (int k = ss; k <= se; k++) {
                b[k] = al;
            }
        }
    }

    /** Whether a component has had its DC scan, without which it has no image. */
    public boolean hasDc(FrameComponent c) {
        return bits[c.index()][0] >= 0;
    }

    /** The inverse DCT of every block of every component into its plane, with the quantisation tables latched. */
    public void transform(Plane[] planes, int[][] quant, Idct idct) {
        for (FrameComponent c : frame.components()) {
            short[] coef = blocks[c.index()];
            Plane plane = planes[c.index()];
            int stride = plane.stride();
            for (int by = 0; by < c.paddedBlockRows(); by++) {
                for (int bx = 0; bx < c.paddedBlocksPerRow(); bx++) {
                    int from = (by * c.paddedBlocksPerRow() + bx) * 64;
                    idct.transform(
                            coef,
                            from,
                            quant[c.index()],
                            plane.samples(),
                            plane.rowOffset(by * 8) + bx * 8,
                            stride,
                            Idct.shape(coef, from));
                }
            }
        }
    }
}
