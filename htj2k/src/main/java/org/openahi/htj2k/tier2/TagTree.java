package org.openahi.htj2k.tier2;

import java.util.Arrays;
import org.openahi.htj2k.Htj2kException;

/**
 * A tag tree (T.800 B.10.2): a quad-tree over a grid of code-blocks whose nodes hold the minimum of their children,
 * coded top-down so that values shared by neighbours cost few bits. Used for code-block inclusion and for the
 * number of missing most significant bit-planes.
 */
final class TagTree {

    private final int[] levelOffset;
    private final int[] levelWidth;
    private final int levels;
    private final int[] value;
    private final int[] low;
    private final boolean[] known;
    private final int[] path;

    TagTree(int width, int height) {
        int w = width;
        int h = height;
        int count = 0;
        int n = 0;
        int[] offsets = new int[34];
        int[] widths = new int[34];
        while (true) {
            offsets[n] = count;
            widths[n] = w;
            count += w * h;
            n++;
            if (w == 1 && h == 1) {
                break;
            }
            w = (w + 1) >> 1;
            h = (h + 1) >> 1;
        }
        levels = n;
        levelOffset = Arrays.copyOf(offsets, n);
        levelWidth = Arrays.copyOf(widths, n);
        value = new int[count];
        low = new int[count];
        known = new boolean[count];
        path = new int[n];
        Arrays.fill(value, Integer.MAX_VALUE);
    }

    /** Encoder: sets every leaf value ({@code leaves[y * width + x]}) and derives the parents. */
    void setLeaves(int[] leaves) {
        System.arraycopy(leaves, 0, value, 0, leaves.length);
        Arrays.fill(value, leaves.length, value.length, Integer.MAX_VALUE);
        for (int level = 1; level < levels; level++) {
            int childWidth = levelWidth[level - 1];
            int childHeight = (levelOffset[level] - levelOffset[level - 1]) / childWidth;
            for (int y = 0; y < childHeight; y++) {
                for (int x = 0; x < childWidth; x++) {
                    int parent = levelOffset[level] + (y >> 1) * levelWidth[level] + (x >> 1);
                    value[parent] = Math.min(value[parent], value[levelOffset[level - 1] + y * childWidth + x]);
                }
            }
        }
    }

    /** Encoder: writes what the decoder needs to learn whether leaf (x, y) is below {@code threshold}. */
    void encode(PacketHeaderWriter out, int x, int y, int threshold) {
        walk(x, y);
        int lowest = 0;
        for (int i = levels - 1; i >= 0; i--) {
            int node = path[i];
            if (lowest > low[node]) {
                low[node] = lowest;
            } else {
                lowest = low[node];
            }
            while (lowest < threshold) {
                if (lowest >= value[node]) {
                    if (!known[node]) {
                        out.bit(1);
                        known[node] = true;
                    }
                    break;
                }
                out.bit(0);
                lowest++;
            }
            low[node] = lowest;
        }
    }

    /** Decoder: reads until it is known whether leaf (x, y) is below {@code threshold}, and says whether it is. */
    boolean decode(PacketHeaderReader in, int x, int y, int threshold) throws Htj2kException {
        walk(x, y);
        int lowest = 0;
        for (int i = levels - 1; i >= 0; i--) {
            int node = path[i];
            if (lowest > low[node]) {
                low[node] = lowest;
            } else {
                lowest = low[node];
            }
            while (lowest < threshold && lowest < value[node]) {
                if (in.bit() != 0) {
                    value[node] = lowest;
                } else {
                    lowest++;
                }
            }
            low[node] = lowest;
        }
        return value[path[0]] < threshold;
    }

    /** Decoder: reads the value of leaf (x, y), refusing values above {@code max}. */
    int decodeValue(PacketHeaderReader in, int x, int y, int max) throws Htj2kException {
        int threshold = 1;
        while (!decode(in, x, y, threshold)) {
            if (++threshold > max + 1) {
                throw new Htj2kException(0x0201, "tag tree value above " + max, in.position());
            }
        }
        return value[path[0]];
    }

    /** Fills {@code path} with the nodes from leaf (level 0) to root. */
    private void walk(int x, int y) {
        for (int level = 0; level < levels; level++) {
            path[level] = levelOffset[level] + (y >> level) * levelWidth[level] + (x >> level);
        }
    }
}
