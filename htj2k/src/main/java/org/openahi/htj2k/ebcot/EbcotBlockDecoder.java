package org.openahi.htj2k.ebcot;

import static org.openahi.htj2k.ebcot.Contexts.ALL_VISITED;
import static org.openahi.htj2k.ebcot.Contexts.EIGHT;
import static org.openahi.htj2k.ebcot.Contexts.NEIGHBOURHOOD;
import static org.openahi.htj2k.ebcot.Contexts.REFINED;
import static org.openahi.htj2k.ebcot.Contexts.SELF;
import static org.openahi.htj2k.ebcot.Contexts.VISITED;

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
    /** One {@link Contexts} word per stripe column, bordered. */
    private int[] words = new int[0];
    /** The decoded values stripe column by stripe column, the four rows of a column adjacent. */
    private int[] data = new int[0];

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
            for (int x = 0, di = ((y >> 2) * width << 2) + (y & 3), o = offset + y * outStride;
                    x < width;
                    x++, di += 4) {
                out[o + x] = data[di];
            }
        }
    }

    private void prepare(int w, int h, int orientation, boolean verticallyCausal) {
        width = w;
        height = h;
        stride = w + 2;
        zeroBase = orientation << 9;
        causal = verticallyCausal;
        int stripes = h + 3 >> 2;
        int n = (stripes + 2) * stride;
        if (words.length < n) {
            words = new int[n];
        }
        Arrays.fill(words, 0, n, 0);
        if (data.length < stripes * 4 * w) {
            data = new int[stripes * 4 * w];
        }
        Arrays.fill(data, 0, stripes * 4 * w, 0);
    }

    /** Max-shift (T.800 Annex H), on values kept as twice the magnitude: those at or above 2^s were shifted up. */
    private void undoRoiShift(int shift) {
        int threshold = 1 << shift;
        for (int i = 0; i < data.length; i++) {
            int v = data[i];
            int magnitude = Math.abs(v);
            if (magnitude >= threshold) {
                magnitude >>= shift;
                data[i] = v < 0 ? -magnitude : magnitude;
            }
        }
    }

    /**
     * Reads the sign of row {@code r} of the column at {@code i} (word {@code word}), stores the sample's value
     * {@code value} (twice its magnitude) signed at {@code di} and returns the column's word with the sample
     * significant.
     */
    private int signAndSignificance(int word, int i, int r, int di, int value, boolean raw) {
        int negative;
        if (raw) {
            negative = mq.rawBit();
        } else {
            int sc = Contexts.signContext(word, words[i - 1], words[i + 1], r);
            negative = mq.decodeUnpredictable(sc & 0x1F) ^ (sc >> 5);
        }
        data[di] = negative != 0 ? -value : value;
        return Contexts.becomeSignificant(words, i, stride, word, r, negative, causal);
    }

    private void significance(int plane, boolean raw) {
        int value = 1 << plane | 1 << plane >> 1;
        int[] words = this.words;
        for (int y0 = 0, di = 0; y0 < height; y0 += 4) {
            int rows = Math.min(4, height - y0);
            int selves = Contexts.selves(rows);
            for (int x = 0, i = ((y0 >> 2) + 1) * stride + 1; x < width; x++, i++, di += 4) {
                int word = words[i];
                if ((word & NEIGHBOURHOOD) == 0 || (word & selves) == selves) {
                    continue;
                }
                for (int r = 0; r < rows; r++) {
                    int nine = word >>> 3 * r & 0x1FF;
                    if ((nine & SELF) != 0 || nine == 0) {
                        continue;
                    }
                    int bit = raw ? mq.rawBit() : mq.decodeUnpredictable(Contexts.ZERO[zeroBase | nine]);
                    word |= 1 << VISITED + r;
                    if (bit != 0) {
                        word = signAndSignificance(word, i, r, di + r, value, raw);
                    }
                }
                words[i] = word;
            }
        }
    }

    private void refinement(int plane, boolean raw) {
        int half = 1 << plane >> 1;
        int[] words = this.words;
        int[] data = this.data;
        int all = Contexts.selves(4);
        for (int y0 = 0, di = 0; y0 < height; y0 += 4) {
            int rows = Math.min(4, height - y0);
            for (int x = 0, i = ((y0 >> 2) + 1) * stride + 1; x < width; x++, i++, di += 4) {
                int word = words[i];
                if ((word & all) == 0) {
                    continue;
                }
                for (int r = 0; r < rows; r++) {
                    int nine = word >>> 3 * r;
                    if ((nine & SELF) == 0 || (word >>> VISITED + r & 1) != 0) {
                        continue;
                    }
                    int bit;
                    if (raw) {
                        bit = mq.rawBit();
                    } else {
                        int near = (nine & EIGHT) + 0x1FF >>> 9; // 1 with any neighbour significant
                        bit = mq.decodeUnpredictable(14 + Math.max((word >>> REFINED + r & 1) << 1, near));
                    }
                    int v = data[di + r];
                    data[di + r] = v + ((bit ^ (v >>> 31)) != 0 ? half : -half);
                    word |= 1 << REFINED + r;
                }
                words[i] = word;
            }
        }
    }

    /** Cleanup pass of {@code plane}; clears the visited bits for the next plane. */
    private void cleanup(int plane, boolean segmentationSymbols) {
        int value = 1 << plane | 1 << plane >> 1;
        int[] words = this.words;
        for (int y0 = 0, di = 0; y0 < height; y0 += 4) {
            int rows = Math.min(4, height - y0);
            int selves = Contexts.selves(rows);
            for (int x = 0, i = ((y0 >> 2) + 1) * stride + 1; x < width; x++, i++, di += 4) {
                int word = words[i];
                if ((word & selves) == selves) {
                    words[i] = word & ~ALL_VISITED;
                    continue;
                }
                int first = 0;
                if (rows == 4 && (word & NEIGHBOURHOOD) == 0) {
                    // Run-length mode: all four insignificant with insignificant neighbours, hence unvisited.
                    if (mq.decode(MqStates.RUN) == 0) {
                        continue;
                    }
                    int run = mq.decode(MqStates.UNIFORM) << 1;
                    run |= mq.decode(MqStates.UNIFORM);
                    word = signAndSignificance(word, i, run, di + run, value, false);
                    first = run + 1;
                }
                for (int r = first; r < rows; r++) {
                    int nine = word >>> 3 * r & 0x1FF;
                    if ((nine & SELF) == 0
                            && (word >>> VISITED + r & 1) == 0
                            && mq.decode(Contexts.ZERO[zeroBase | nine]) != 0) {
                        word = signAndSignificance(word, i, r, di + r, value, false);
                    }
                }
                words[i] = word & ~ALL_VISITED;
            }
        }
        if (segmentationSymbols) {
            for (int i = 0; i < 4; i++) {
                mq.decode(MqStates.UNIFORM); // 1010; a wrong symbol only means corrupt data, decoded as it is
            }
        }
    }
}
