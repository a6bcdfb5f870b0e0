package org.openahi.htj2k.ebcot;

import static org.openahi.htj2k.ebcot.Contexts.NEIGHBOURS;
import static org.openahi.htj2k.ebcot.Contexts.REFINED;
import static org.openahi.htj2k.ebcot.Contexts.SIG;

import java.util.Arrays;
import org.openahi.htj2k.Htj2kException;

/**
 * Decodes JPEG 2000 Part 1 code-blocks (T.800 Annex D): significance propagation, magnitude refinement and cleanup
 * passes over stripes of four rows, MQ coded or raw (bypass), with every code-block style flag.
 *
 * <p>Samples come out as OpenJPEG keeps them, so the stages after this one can round as it does: twice the
 * magnitude plus one half of the last decoded bit-plane's step (reconstruction at the middle of the interval left
 * open), signed, with a region of interest's max-shift already undone. An instance keeps its buffers; not
 * thread-safe.
 */
public final class EbcotBlockDecoder {

    /** Code-block style bits (T.800 Table A.19). */
    public static final int BYPASS = 0x01;

    public static final int RESET = 0x02;
    public static final int TERMINATE_ALL = 0x04;
    public static final int VERTICALLY_CAUSAL = 0x08;
    public static final int PREDICTABLE_TERMINATION = 0x10;
    public static final int SEGMENTATION_SYMBOLS = 0x20;

    private final MqDecoder mq = new MqDecoder();
    private int[] flags = new int[0];
    private int[] data = new int[0];
    /** Summary of each stripe column, see {@link Contexts#NEAR}: whole columns are skipped. */
    private int[] columns = new int[0];

    private int columnStride;

    private int width;
    private int height;
    private int stride;
    private int zeroBase;
    private boolean causal;

    /**
     * Decodes one code-block of {@code width x height} samples into {@code out[offset + y * outStride + x]}.
     *
     * @param bytes       the code-block's codeword segments, back to back from {@code start}
     * @param lengths     byte length of each codeword segment
     * @param passes      coding passes in each codeword segment
     * @param segments    number of codeword segments
     * @param orientation subband: 0 LL, 1 HL, 2 LH, 3 HH
     * @param bitPlanes   magnitude bit-planes coded in the block: M_b minus the missing ones
     * @param roiShift    the region of interest's max-shift for the component, 0 without
     * @param style       code-block style byte
     */
    public void decode(
            byte[] bytes,
            int start,
            int[] lengths,
            int[] passes,
            int segments,
            int width,
            int height,
            int orientation,
            int bitPlanes,
            int roiShift,
            int style,
            int[] out,
            int offset,
            int outStride)
            throws Htj2kException {
        int plane = roiShift + bitPlanes;
        // Bypass starts after the four most significant coded bit-planes (T.800 D.6), counting those a region of
        // interest's shift added. OpenJPEG 2.5 leaves the shift out, so it mis-decodes its own ROI + bypass output.
        int firstPlane = plane;
        if (plane >= 31) {
            throw new Htj2kException(0x0401, "code-block has " + plane + " bit-planes, more than the 30 decoded");
        }
        prepare(width, height, orientation, (style & VERTICALLY_CAUSAL) != 0);
        MqStates.reset(mq.contexts);
        int pass = 2; // 0 significance propagation, 1 magnitude refinement, 2 cleanup; the first pass is a cleanup
        int at = start;
        for (int s = 0; s < segments; s++) {
            boolean raw = (style & BYPASS) != 0 && plane <= firstPlane - 4 && pass < 2;
            if (raw) {
                mq.initRaw(bytes, at, at + lengths[s]);
            } else {
                mq.init(bytes, at, at + lengths[s]);
            }
            at += lengths[s];
            for (int p = 0; p < passes[s] && plane >= 1; p++) {
                switch (pass) {
                    case 0 -> significance(plane, raw);
                    case 1 -> refinement(plane, raw);
                    default -> cleanup(plane, (style & SEGMENTATION_SYMBOLS) != 0);
                }
                if ((style & RESET) != 0 && !raw) {
                    MqStates.reset(mq.contexts);
                }
                if (++pass == 3) {
                    pass = 0;
                    plane--;
                }
            }
        }
        if (roiShift > 0) {
            undoRoiShift(roiShift);
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(data, y * width, out, offset + y * outStride, width);
        }
    }

    private void prepare(int w, int h, int orientation, boolean verticallyCausal) {
        width = w;
        height = h;
        stride = w + 2;
        zeroBase = orientation << 8;
        causal = verticallyCausal;
        int n = stride * (h + 2);
        if (flags.length < n) {
            flags = new int[n];
        }
        Arrays.fill(flags, 0, n, 0);
        if (data.length < w * h) {
            data = new int[w * h];
        }
        Arrays.fill(data, 0, w * h, 0);
        columnStride = w + 2;
        int summaries = ((h + 3 >> 2) + 2) * columnStride;
        if (columns.length < summaries) {
            columns = new int[summaries];
        }
        Arrays.fill(columns, 0, summaries, 0);
    }

    /** Max-shift (T.800 Annex H), on values kept as twice the magnitude: those at or above 2^s were shifted up. */
    private void undoRoiShift(int shift) {
        int threshold = 1 << shift;
        for (int i = 0; i < width * height; i++) {
            int v = data[i];
            int magnitude = Math.abs(v);
            if (magnitude >= threshold) {
                magnitude >>= shift;
                data[i] = v < 0 ? -magnitude : magnitude;
            }
        }
    }

    private int flagIndex(int x, int y) {
        return (y + 1) * stride + x + 1;
    }

    /** Decodes a sign in the sample's context and makes it significant, see {@link #becomeSignificant}. */
    private void signAndSignificance(int y, int fi, int di, int column, int value) {
        int sc = Contexts.SIGN[Contexts.signIndex(flags[fi])];
        becomeSignificant(y, fi, di, column, value, (mq.decodeUnpredictable(sc & 0x1F) ^ (sc >> 5)) != 0);
    }

    /**
     * Makes the sample in row {@code y} significant at {@code value} (twice its magnitude) with its sign;
     * {@code column} indexes its stripe column's summary.
     */
    private void becomeSignificant(int y, int fi, int di, int column, int value, boolean negative) {
        data[di] = negative ? -value : value;
        boolean causalRow = causal && (y & 3) == 0;
        Contexts.becomeSignificant(flags, fi, stride, negative, causalRow);
        Contexts.columnGainsSignificant(columns, column, columnStride, y & 3, causal);
    }

    /** The summary index of the first stripe column of the stripe starting at row {@code y0}. */
    private int firstColumn(int y0) {
        return ((y0 >> 2) + 1) * columnStride + 1;
    }

    private void significance(int plane, boolean raw) {
        int value = 1 << plane | 1 << plane >> 1;
        int visit = Contexts.visit(plane);
        for (int y0 = 0; y0 < height; y0 += 4) {
            int y1 = Math.min(y0 + 4, height);
            int full = Contexts.NEAR | y1 - y0;
            for (int x = 0, column = firstColumn(y0); x < width; x++, column++) {
                int summary = columns[column];
                if (summary < Contexts.NEAR || summary == full) {
                    continue;
                }
                for (int y = y0, fi = flagIndex(x, y0), di = y0 * width + x; y < y1; y++, fi += stride, di += width) {
                    int f = flags[fi];
                    if ((f & SIG) != 0 || (f & NEIGHBOURS) == 0) {
                        continue;
                    }
                    if (raw) {
                        if (mq.rawBit() != 0) {
                            becomeSignificant(y, fi, di, column, value, mq.rawBit() != 0);
                        }
                    } else if (mq.decodeUnpredictable(Contexts.ZERO[zeroBase | f & NEIGHBOURS]) != 0) {
                        signAndSignificance(y, fi, di, column, value);
                    }
                    flags[fi] = flags[fi] & ~Contexts.VISITS | visit;
                }
            }
        }
    }

    private void refinement(int plane, boolean raw) {
        int half = 1 << plane >> 1;
        int visit = Contexts.visit(plane);
        for (int y0 = 0; y0 < height; y0 += 4) {
            int y1 = Math.min(y0 + 4, height);
            for (int x = 0, column = firstColumn(y0); x < width; x++, column++) {
                if ((columns[column] & 7) == 0) {
                    continue;
                }
                for (int y = y0, fi = flagIndex(x, y0), di = y0 * width + x; y < y1; y++, fi += stride, di += width) {
                    int f = flags[fi];
                    if ((f & SIG) == 0 || (f & Contexts.VISITS) == visit) {
                        continue;
                    }
                    int bit = raw ? mq.rawBit() : mq.decodeUnpredictable(Contexts.refinement(f));
                    data[di] += (bit ^ (data[di] >>> 31)) != 0 ? half : -half;
                    flags[fi] = f | REFINED;
                }
            }
        }
    }

    private void cleanup(int plane, boolean segmentationSymbols) {
        int value = 1 << plane | 1 << plane >> 1;
        int visit = Contexts.visit(plane);
        for (int y0 = 0; y0 < height; y0 += 4) {
            boolean fullStripe = y0 + 4 <= height;
            int y1 = Math.min(y0 + 4, height);
            int full = Contexts.NEAR | y1 - y0;
            for (int x = 0, column = firstColumn(y0); x < width; x++, column++) {
                int summary = columns[column];
                if (summary == full) {
                    continue;
                }
                int first = y0;
                if (fullStripe && summary == 0) {
                    // Run-length mode: all four insignificant with insignificant neighbours, hence unvisited.
                    if (mq.decode(MqStates.RUN) == 0) {
                        continue;
                    }
                    int run = mq.decode(MqStates.UNIFORM) << 1;
                    run |= mq.decode(MqStates.UNIFORM);
                    int y = y0 + run;
                    signAndSignificance(y, flagIndex(x, y), y * width + x, column, value);
                    first = y + 1;
                }
                for (int y = first, fi = flagIndex(x, first); y < y1; y++, fi += stride) {
                    int f = flags[fi];
                    if ((f & SIG) == 0
                            && (f & Contexts.VISITS) != visit
                            && mq.decode(Contexts.ZERO[zeroBase | f & NEIGHBOURS]) != 0) {
                        signAndSignificance(y, fi, y * width + x, column, value);
                    }
                }
            }
        }
        if (segmentationSymbols) {
            for (int i = 0; i < 4; i++) {
                mq.decode(MqStates.UNIFORM); // 1010; a wrong symbol only means corrupt data, decoded as it is
            }
        }
    }
}
