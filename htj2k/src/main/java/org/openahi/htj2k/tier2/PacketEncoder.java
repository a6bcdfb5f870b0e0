package org.openahi.htj2k.tier2;

import java.util.Arrays;

/**
 * Writes the header of a single-layer packet whose code-blocks each carry one HT cleanup pass (T.800 B.10): the
 * inclusion and missing-bit-plane tag trees, the pass count and each block's length. Reused across packets.
 */
public final class PacketEncoder {

    private final PacketHeaderWriter out = new PacketHeaderWriter();
    private int[] inclusionLeaves = new int[64];
    private int[] zeroLeaves = new int[64];

    /** Starts a packet; {@code empty} packets (no block of any band included) are one zero bit. */
    public void begin(boolean empty) {
        out.reset();
        out.bit(empty ? 0 : 1);
    }

    /**
     * Codes one subband of {@code wide x high} code-blocks in raster order; {@code lengths[i]} is 0 for a block
     * left out, and included blocks miss {@code zeroBitplanes} most significant bit-planes.
     */
    public void band(int wide, int high, int[] lengths, int zeroBitplanes) {
        int n = wide * high;
        if (inclusionLeaves.length < n) {
            inclusionLeaves = new int[n];
            zeroLeaves = new int[n];
        }
        for (int i = 0; i < n; i++) {
            inclusionLeaves[i] = lengths[i] > 0 ? 0 : 1;
        }
        Arrays.fill(zeroLeaves, 0, n, zeroBitplanes);
        TagTree inclusion = new TagTree(wide, high);
        TagTree zeros = new TagTree(wide, high);
        inclusion.setLeaves(Arrays.copyOf(inclusionLeaves, n));
        zeros.setLeaves(Arrays.copyOf(zeroLeaves, n));
        for (int i = 0; i < n; i++) {
            int x = i % wide;
            int y = i / wide;
            inclusion.encode(out, x, y, 1);
            if (lengths[i] == 0) {
                continue;
            }
            zeros.encode(out, x, y, Integer.MAX_VALUE);
            out.bit(0); // one coding pass
            int bits = 32 - Integer.numberOfLeadingZeros(lengths[i]);
            for (int lblock = 3; lblock < bits; lblock++) {
                out.bit(1);
            }
            out.bit(0);
            out.bits(lengths[i], Math.max(3, bits));
        }
    }

    /**
     * Codes one subband of {@code wide x high} Part 1 code-blocks in raster order: {@code lengths[i]} is 0 for a
     * block left out; an included one misses {@code zeroBitplanes[i]} bit-planes and carries {@code passes[i]}
     * coding passes in one codeword segment.
     */
    public void band(int wide, int high, int[] lengths, int[] zeroBitplanes, int[] passes) {
        int n = wide * high;
        int[] inclusionLeaves = new int[n];
        for (int i = 0; i < n; i++) {
            inclusionLeaves[i] = lengths[i] > 0 ? 0 : 1;
        }
        TagTree inclusion = new TagTree(wide, high);
        TagTree zeros = new TagTree(wide, high);
        inclusion.setLeaves(inclusionLeaves);
        zeros.setLeaves(Arrays.copyOf(zeroBitplanes, n));
        for (int i = 0; i < n; i++) {
            int x = i % wide;
            int y = i / wide;
            inclusion.encode(out, x, y, 1);
            if (lengths[i] == 0) {
                continue;
            }
            zeros.encode(out, x, y, Integer.MAX_VALUE);
            passCount(passes[i]);
            int lengthBits = 31 - Integer.numberOfLeadingZeros(passes[i]);
            int bits = 32 - Integer.numberOfLeadingZeros(lengths[i]);
            for (int lblock = 3; lblock + lengthBits < bits; lblock++) {
                out.bit(1);
            }
            out.bit(0);
            out.bits(lengths[i], Math.max(3 + lengthBits, bits));
        }
    }

    /** Number of coding passes, 1 to 164 (T.800 Table B.4). */
    private void passCount(int n) {
        if (n == 1) {
            out.bit(0);
        } else if (n == 2) {
            out.bits(0b10, 2);
        } else if (n <= 5) {
            out.bits(0b1100 | (n - 3), 4);
        } else if (n <= 36) {
            out.bits(0b1111, 4);
            out.bits(n - 6, 5);
        } else {
            out.bits(0b1111_11111, 9);
            out.bits(n - 37, 7);
        }
    }

    /** Ends the header; returns its length, the bytes being {@link #header()}[0 .. length). */
    public int finish() {
        out.finish();
        return out.length();
    }

    public byte[] header() {
        return out.buffer();
    }
}
