package org.openahi.jpeg.progressive;

import java.util.List;
import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.entropy.BitReader;
import org.openahi.jpeg.entropy.HuffmanTable;
import org.openahi.jpeg.markers.FrameComponent;
import org.openahi.jpeg.markers.FrameHeader;
import org.openahi.jpeg.markers.ScanHeader;
import org.openahi.jpeg.markers.Tables;

/**
 * Decodes one scan of a progressive DCT frame (T.81 G.1.2, Huffman coding) into the frame's coefficients: a DC
 * first or refinement scan (interleaved or not), or an AC first or refinement scan of one component's spectral band
 * Ss..Se. The inverse DCT runs once every scan has been read ({@link Coefficients}).
 */
public final class ProgressiveScan {

    private final FrameHeader frame;
    private final ScanHeader scan;
    private final HuffmanTable[] dc;
    private final HuffmanTable[] ac;
    private final short[][] coefficients;
    private int eobRun;

    /**
     * @param dc           DC table of each scan component (unused by refinement scans)
     * @param ac           AC table of each scan component (unused by DC scans)
     * @param coefficients coefficient blocks of each scan component ({@link Coefficients#blocks})
     */
    public ProgressiveScan(
            FrameHeader frame, ScanHeader scan, HuffmanTable[] dc, HuffmanTable[] ac, short[][] coefficients) {
        this.frame = frame;
        this.scan = scan;
        this.dc = dc;
        this.ac = ac;
        this.coefficients = coefficients;
    }

    public void decode(BitReader in, int restartInterval) throws JpegException {
        List<FrameComponent> comps = scan.components();
        int n = comps.size();
        boolean dcScan = scan.ss() == 0;
        int[] predictions = new int[n];
        int restarts = 0;
        int mcu = 0;
        if (!scan.interleaved()) {
            FrameComponent c = comps.get(0);
            for (int by = 0; by < c.blockRows(); by++) {
                for (int bx = 0; bx < c.blocksPerRow(); bx++, mcu++) {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                        in.restart(restarts++ & 7);
                        predictions[0] = 0;
                        eobRun = 0;
                    }
                    int at = (by * c.paddedBlocksPerRow() + bx) * 64;
                    if (dcScan) {
                        decodeDc(in, 0, at, predictions);
                    } else if (scan.ah() == 0) {
                        decodeAcFirst(in, coefficients[0], at);
                    } else {
                        decodeAcRefine(in, coefficients[0], at);
                    }
                }
                in.checkNotOverrun("block row", by);
            }
        } else {
            for (int my = 0; my < frame.mcuRows(); my++) {
                for (int mx = 0; mx < frame.mcusPerRow(); mx++, mcu++) {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                        in.restart(restarts++ & 7);
                        java.util.Arrays.fill(predictions, 0);
                    }
                    for (int i = 0; i < n; i++) {
                        FrameComponent c = comps.get(i);
                        for (int v = 0; v < c.v(); v++) {
                            for (int h = 0; h < c.h(); h++) {
                                int at = ((my * c.v() + v) * c.paddedBlocksPerRow() + mx * c.h() + h) * 64;
                                decodeDc(in, i, at, predictions);
                            }
                        }
                    }
                }
                in.checkNotOverrun("MCU row", my);
            }
        }
        in.checkNotOverrun("the scan");
    }

    /** DC first scan (G.1.2.1): the difference, shifted by Al; DC refinement: one more bit. */
    private void decodeDc(BitReader in, int i, int at, int[] predictions) throws JpegException {
        short[] coef = coefficients[i];
        if (scan.ah() == 0) {
            predictions[i] += dc[i].decodeDifference(in, HuffmanTable.DCT_MAX_CATEGORY);
            coef[at] = (short) (predictions[i] << scan.al());
        } else if (in.bit() != 0) {
            coef[at] |= (short) (1 << scan.al());
        }
    }

    /** AC first scan (G.1.2.2): run/size codes of the band, with end-of-band runs that span blocks. */
    private void decodeAcFirst(BitReader in, short[] coef, int at) throws JpegException {
        if (eobRun > 0) {
            eobRun--;
            return;
        }
        HuffmanTable table = ac[0];
        int[] zigzag = Tables.ZIGZAG;
        int se = scan.se();
        int al = scan.al();
        for (int k = scan.ss(); k <= se; k++) {
            int rs = table.decode(in);
            int run = rs >> 4;
            int size = rs & 15;
            if (size == 0) {
                if (run < 15) {
                    eobRun = (1 << run) + in.bits(run) - 1;
                    return;
                }
                k += 15;
                continue;
            }
            k += run;
            if (k > se) {
                throw new JpegException(
                        "corrupt entropy-coded data: an AC run goes past the scan's band end " + se, in.offset());
            }
            coef[at + zigzag[k]] = (short) (in.extend(size) << al);
        }
    }

    /**
     * AC refinement scan (G.1.2.3): a correction bit for each coefficient already non-zero, and newly non-zero
     * coefficients of magnitude 2^Al placed after runs of still-zero ones.
     */
    private void decodeAcRefine(BitReader in, short[] coef, int at) throws JpegException {
        int[] zigzag = Tables.ZIGZAG;
        int se = scan.se();
        int plus = 1 << scan.al();
        int minus = -1 << scan.al();
        int k = scan.ss();
        if (eobRun == 0) {
            HuffmanTable table = ac[0];
            for (; k <= se; k++) {
                int rs = table.decode(in);
                int run = rs >> 4;
                int size = rs & 15;
                int value = 0;
                if (size != 0) {
                    if (size != 1) {
                        throw new JpegException(
                                "corrupt entropy-coded data: a refinement scan codes a new coefficient of " + size
                                        + " bits (must be 1)",
                                in.offset());
                    }
                    value = in.bit() != 0 ? plus : minus;
                } else if (run != 15) {
                    eobRun = (1 << run) + in.bits(run);
                    break;
                }
                // Skip `run` still-zero coefficients, refining the non-zero ones passed on the way.
                while (k <= se) {
                    int z = at + zigzag[k];
                    if (coef[z] != 0) {
                        refine(in, coef, z, plus, minus);
                    } else if (--run < 0) {
                        break;
                    }
                    k++;
                }
                if (value != 0) {
                    if (k > se) {
                        throw new JpegException(
                                "corrupt entropy-coded data: a new coefficient falls past the scan's band end " + se,
                                in.offset());
                    }
                    coef[at + zigzag[k]] = (short) value;
                }
            }
        }
        if (eobRun > 0) {
            for (; k <= se; k++) {
                int z = at + zigzag[k];
                if (coef[z] != 0) {
                    refine(in, coef, z, plus, minus);
                }
            }
            eobRun--;
        }
    }

    private static void refine(BitReader in, short[] coef, int z, int plus, int minus) {
        if (in.bit() != 0 && (coef[z] & plus) == 0) {
            coef[z] += (short) (coef[z] >= 0 ? plus : minus);
        }
    }
}
