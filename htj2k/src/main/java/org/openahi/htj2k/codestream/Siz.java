package org.openahi.htj2k.codestream;

import java.util.List;

/**
 * The image and tile size (SIZ, T.800 A.5.1) on the reference grid.
 *
 * @param rsiz       capabilities; bit 14 marks an HTJ2K codestream
 * @param width      Xsiz, the right edge of the image area
 * @param height     Ysiz
 * @param x0         XOsiz, the left edge of the image area
 * @param y0         YOsiz
 * @param tileWidth  XTsiz
 * @param tileHeight YTsiz
 * @param tileX0     XTOsiz, the left edge of the first tile
 * @param tileY0     YTOsiz
 * @param components per component: bit depth, signedness and sub-sampling
 */
public record Siz(
        int rsiz,
        int width,
        int height,
        int x0,
        int y0,
        int tileWidth,
        int tileHeight,
        int tileX0,
        int tileY0,
        List<Component> components) {

    /** One component: bit depth 1..38, signedness, horizontal and vertical sub-sampling 1..255. */
    public record Component(int depth, boolean signed, int dx, int dy) {}

    public int tilesWide() {
        return ceilDiv(width - tileX0, tileWidth);
    }

    public int tilesHigh() {
        return ceilDiv(height - tileY0, tileHeight);
    }

    /** Tile {@code t}'s area on the reference grid, clipped to the image: {x0, y0, x1, y1}. */
    public int[] tileArea(int t) {
        int p = t % tilesWide();
        int q = t / tilesWide();
        long tx0 = Math.max((long) tileX0 + (long) p * tileWidth, x0);
        long ty0 = Math.max((long) tileY0 + (long) q * tileHeight, y0);
        long tx1 = Math.min((long) tileX0 + (long) (p + 1) * tileWidth, width);
        long ty1 = Math.min((long) tileY0 + (long) (q + 1) * tileHeight, height);
        return new int[] {(int) tx0, (int) ty0, (int) tx1, (int) ty1};
    }

    /** ceil(a / b) for non-negative a and positive b. */
    public static int ceilDiv(int a, int b) {
        return (int) (((long) a + b - 1) / b);
    }
}
