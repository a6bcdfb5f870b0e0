package org.openahi.htj2k.tier2;

import java.util.Arrays;
import org.openahi.htj2k.Htj2kException;

/**
 * What the packets of a tile said about one code-block: its area in its subband, the number of missing most
 * significant bit-planes, its coding passes and the codeword segments that carry them (T.800 B.10.7 for Part 1
 * blocks, T.814 B.3 and clause 7.1 for HT blocks).
 *
 * <p>Each segment entry is one run of bytes in the tile data, as one packet brought it. HT: passes are counted from
 * the first, placeholders included: pass {@code 3s} is the cleanup pass of HT set s, and passes {@code 3s + 1},
 * {@code 3s + 2} its SigProp and MagRef passes. Part 1: a codeword segment that a later packet continues is several
 * entries, the later ones marked by {@link #segmentContinues}.
 */
public final class CodeBlock {

    /** Passes beyond this are refused (T.800 allows at most 164 per packet; 3 per bit-plane suffice for HT). */
    private static final int MAX_PASSES = 255;

    public final int x0;
    public final int y0;
    public final int x1;
    public final int y1;

    boolean included;
    int zeroBitplanes;
    int passes;
    int lblock = 3;
    private boolean placeholders = true;

    private int segments;
    private boolean[] continues = new boolean[2];
    /** Part 1: passes in the last codeword segment so far, and how many it may hold (T.800 B.10.7). */
    private int codewordPasses;

    private int codewordLimit;
    private int codewordSegments;
    private int[] first = new int[2];
    private int[] count = new int[2];
    private int[] offset = new int[2];
    private int[] length = new int[2];
    private int newSegments;

    CodeBlock(int x0, int y0, int x1, int y1) {
        this.x0 = x0;
        this.y0 = y0;
        this.x1 = x1;
        this.y1 = y1;
    }

    /** Missing most significant bit-planes P from the packet header that first included the block. */
    public int zeroBitplanes() {
        return zeroBitplanes;
    }

    public int segmentCount() {
        return segments;
    }

    public int segmentFirstPass(int i) {
        return first[i];
    }

    public int segmentPasses(int i) {
        return count[i];
    }

    public int segmentOffset(int i) {
        return offset[i];
    }

    public int segmentLength(int i) {
        return length[i];
    }

    /** Part 1: whether entry {@code i} continues the codeword segment of entry {@code i - 1}. */
    public boolean segmentContinues(int i) {
        return continues[i];
    }

    /** Total passes received, placeholders included. */
    public int passes() {
        return passes;
    }

    /**
     * Reads the codeword segment lengths of {@code newPasses} passes this packet adds (T.814 B.3, following the
     * rules Part 1 gives for lengths, with placeholder passes before the first non-empty cleanup pass).
     */
    void readLengths(PacketHeaderReader in, int newPasses) throws Htj2kException {
        if (passes + newPasses > MAX_PASSES) {
            throw new Htj2kException(
                    0x0204, "code-block has more than " + MAX_PASSES + " coding passes", in.position());
        }
        newSegments = 0;
        int next;
        if (placeholders) {
            // The contribution may end with refinement passes after its cleanup pass, which is pass 0 mod 3.
            int refinement = (passes + newPasses - 1) % 3;
            int upToCleanup = newPasses - refinement;
            if (upToCleanup < 1) {
                mustBeEmpty(in.bits(lblock + floorLog2(newPasses)), in);
                passes += newPasses;
                return;
            }
            int bits = lblock + floorLog2(upToCleanup);
            int len = in.bits(bits);
            if (len == 0) {
                // Only placeholders: the length then has as many bits as for all passes in one segment.
                int extra = floorLog2(newPasses) - floorLog2(upToCleanup);
                mustBeEmpty(in.bits(extra), in);
                passes += newPasses;
                return;
            }
            if (len < 2) {
                throw new Htj2kException(0x0205, "HT cleanup segment of " + len + " byte", in.position());
            }
            add(upToCleanup, len);
            placeholders = false;
            newPasses -= upToCleanup;
            next = 2;
        } else {
            int phase = passes % 3;
            int n;
            if (phase == 0) {
                n = 1;
                next = 2;
            } else {
                n = newPasses > 1 ? 3 - phase : 1;
                next = 1;
            }
            add(n, in.bits(lblock + n - 1));
            newPasses -= n;
        }
        while (newPasses > 0) {
            int n = newPasses > 1 ? next : 1;
            next = 3 - next;
            add(n, in.bits(lblock + n - 1));
            newPasses -= n;
        }
    }

    /**
     * Reads the lengths of {@code newPasses} passes of a Part 1 code-block (T.800 B.10.7): one codeword segment for
     * all passes, one per pass with {@code TERMINATE_ALL}, or with {@code BYPASS} the first ten passes, then two raw
     * passes and one MQ-coded cleanup pass in turn. Each segment part in this packet has its own length, of
     * Lblock + floor(log2(passes)) bits.
     */
    void readPart1Lengths(PacketHeaderReader in, int newPasses, int style) throws Htj2kException {
        if (passes + newPasses > MAX_PASSES) {
            throw new Htj2kException(
                    0x020C, "code-block has more than " + MAX_PASSES + " coding passes", in.position());
        }
        newSegments = 0;
        while (newPasses > 0) {
            boolean fresh = codewordSegments == 0 || codewordPasses == codewordLimit;
            if (fresh) {
                codewordLimit = (style & 0x04) != 0
                        ? 1
                        : (style & 0x01) == 0
                                ? Integer.MAX_VALUE
                                : codewordSegments == 0 ? 10 : codewordLimit == 2 ? 1 : 2;
                codewordSegments++;
                codewordPasses = 0;
            }
            int n = Math.min(codewordLimit - codewordPasses, newPasses);
            int bits = lblock + floorLog2(n);
            if (bits > 31) {
                throw new Htj2kException(0x020D, "codeword segment length field of " + bits + " bits", in.position());
            }
            add(n, in.bits(bits));
            continues[segments - 1] = !fresh;
            codewordPasses += n;
            newPasses -= n;
        }
    }

    private static void mustBeEmpty(int len, PacketHeaderReader in) throws Htj2kException {
        if (len != 0) {
            throw new Htj2kException(
                    0x0206, "placeholder passes of an HT code-block carry " + len + " bytes", in.position());
        }
    }

    private void add(int n, int len) {
        if (segments == first.length) {
            first = Arrays.copyOf(first, segments * 2);
            continues = Arrays.copyOf(continues, segments * 2);
            count = Arrays.copyOf(count, segments * 2);
            offset = Arrays.copyOf(offset, segments * 2);
            length = Arrays.copyOf(length, segments * 2);
        }
        first[segments] = passes;
        continues[segments] = false;
        count[segments] = n;
        length[segments] = len;
        segments++;
        newSegments++;
        passes += n;
    }

    /** Places the segments of this packet's contribution in the body from {@code pos}; returns the end. */
    long placeSegments(long pos) {
        for (int i = segments - newSegments; i < segments; i++) {
            offset[i] = (int) pos;
            pos += length[i];
        }
        newSegments = 0;
        return pos;
    }

    private static int floorLog2(int v) {
        return 31 - Integer.numberOfLeadingZeros(v);
    }
}
