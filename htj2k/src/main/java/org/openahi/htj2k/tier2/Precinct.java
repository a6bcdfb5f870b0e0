package org.openahi.htj2k.tier2;

import org.openahi.htj2k.codestream.ComponentLayout.Band;
import org.openahi.htj2k.codestream.ComponentLayout.Resolution;

/**
 * One precinct of a resolution: for each of its subbands, the grid of code-blocks it holds and the two tag trees
 * its packet headers code them with (T.800 B.6, B.7, B.10).
 */
public final class Precinct {

    final Band[] bands;
    /** Per band: code-blocks in raster order (empty when the precinct holds none of that band). */
    final CodeBlock[][] blocks;

    final int[] blocksWide;
    final TagTree[] inclusion;
    final TagTree[] zeroBitplanes;

    /** Precinct {@code (px, py)} of the resolution's grid, counted from its first precinct. */
    Precinct(Resolution res, int px, int py) {
        bands = res.bands();
        int n = bands.length;
        blocks = new CodeBlock[n][];
        blocksWide = new int[n];
        inclusion = new TagTree[n];
        zeroBitplanes = new TagTree[n];
        // In a subband the precinct is half as large as in the resolution, except at resolution 0.
        int shiftX = res.index() == 0 ? res.ppx() : res.ppx() - 1;
        int shiftY = res.index() == 0 ? res.ppy() : res.ppy() - 1;
        for (int b = 0; b < n; b++) {
            Band band = bands[b];
            long px0 = (long) (res.precinctX0() + px) << shiftX;
            long py0 = (long) (res.precinctY0() + py) << shiftY;
            int x0 = (int) Math.max(px0, band.x0());
            int y0 = (int) Math.max(py0, band.y0());
            int x1 = (int) Math.min(px0 + (1L << shiftX), band.x1());
            int y1 = (int) Math.min(py0 + (1L << shiftY), band.y1());
            if (x0 >= x1 || y0 >= y1) {
                blocks[b] = new CodeBlock[0];
                continue;
            }
            int cbw = res.xcb();
            int cbh = res.ycb();
            int bx0 = x0 >> cbw;
            int by0 = y0 >> cbh;
            int wide = ((x1 - 1) >> cbw) - bx0 + 1;
            int high = ((y1 - 1) >> cbh) - by0 + 1;
            blocksWide[b] = wide;
            blocks[b] = new CodeBlock[wide * high];
            for (int j = 0; j < high; j++) {
                for (int i = 0; i < wide; i++) {
                    int cx0 = (int) Math.max(x0, (long) (bx0 + i) << cbw);
                    int cy0 = (int) Math.max(y0, (long) (by0 + j) << cbh);
                    int cx1 = (int) Math.min(x1, (long) (bx0 + i + 1) << cbw);
                    int cy1 = (int) Math.min(y1, (long) (by0 + j + 1) << cbh);
                    blocks[b][j * wide + i] = new CodeBlock(cx0, cy0, cx1, cy1);
                }
            }
            inclusion[b] = new TagTree(wide, high);
            zeroBitplanes[b] = new TagTree(wide, high);
        }
    }

    /** Number of code-blocks the precinct holds in all its subbands. */
    int blockCount() {
        int n = 0;
        for (CodeBlock[] b : blocks) {
            n += b.length;
        }
        return n;
    }

    /** The code-blocks of band {@code b} (0 = LL at resolution 0, else 0 HL, 1 LH, 2 HH). */
    public CodeBlock[] blocks(int b) {
        return blocks[b];
    }

    public Band band(int b) {
        return bands[b];
    }

    public int bandCount() {
        return bands.length;
    }
}
