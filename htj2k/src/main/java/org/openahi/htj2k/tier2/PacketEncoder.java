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

    /** Ends the header; returns its length, the bytes being {@link #header()}[0 .. length). */
    public int finish() {
        out.finish();
        return out.length();
    }

    public byte[] header() {
        return out.buffer();
    }
}
