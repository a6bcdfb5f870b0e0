package org.openahi.htj2k.codestream;

/**
 * Where a tile-component's resolutions, subbands and precincts lie (T.800 B.2 to B.6). Coordinates are on each
 * level's own grid; rectangles are half-open {@code [x0, x1) x [y0, y1)}.
 *
 * @param x0 left edge of the tile-component, ceil(tx0 / XRsiz)
 * @param y0 top edge
 * @param x1 right edge (exclusive)
 * @param y1 bottom edge (exclusive)
 * @param style       how the component is coded
 * @param resolutions resolution 0 (the lowest) to {@code style.levels()}
 */
public record ComponentLayout(int x0, int y0, int x1, int y1, CodingStyle style, Resolution[] resolutions) {

    /** Orientation of a subband. */
    public static final int LL = 0;

    public static final int HL = 1;
    public static final int LH = 2;
    public static final int HH = 3;

    /**
     * One resolution: its area, its subbands (LL alone for resolution 0; HL, LH, HH above), its precinct grid
     * ({@code precinctX0 = floor(x0 / 2^ppx)}, counts may be 0 when the resolution is empty) and the code-block size
     * exponents it uses.
     */
    public record Resolution(
            int index,
            int x0,
            int y0,
            int x1,
            int y1,
            Band[] bands,
            int ppx,
            int ppy,
            int precinctX0,
            int precinctY0,
            int precinctsWide,
            int precinctsHigh,
            int xcb,
            int ycb) {

        public int width() {
            return x1 - x0;
        }

        public int height() {
            return y1 - y0;
        }

        public int precinctCount() {
            return precinctsWide * precinctsHigh;
        }
    }

    /**
     * A subband: orientation, index in the quantization list (0 for LL, then 3 per resolution), number of
     * decomposition levels n_b between it and the tile-component, and its area.
     */
    public record Band(int orientation, int index, int level, int x0, int y0, int x1, int y1) {

        public int width() {
            return x1 - x0;
        }

        public int height() {
            return y1 - y0;
        }
    }

    /** The layout of component {@code c} of the tile whose reference-grid area is {@code tile}. */
    public static ComponentLayout of(Siz siz, int c, int[] tile, CodingStyle style) {
        Siz.Component comp = siz.components().get(c);
        int cx0 = Siz.ceilDiv(tile[0], comp.dx());
        int cy0 = Siz.ceilDiv(tile[1], comp.dy());
        int cx1 = Siz.ceilDiv(tile[2], comp.dx());
        int cy1 = Siz.ceilDiv(tile[3], comp.dy());
        int levels = style.levels();
        Resolution[] resolutions = new Resolution[levels + 1];
        for (int r = 0; r <= levels; r++) {
            int n = levels - r;
            int rx0 = ceilShift(cx0, n);
            int ry0 = ceilShift(cy0, n);
            int rx1 = ceilShift(cx1, n);
            int ry1 = ceilShift(cy1, n);
            Band[] bands;
            if (r == 0) {
                bands = new Band[] {new Band(LL, 0, levels, rx0, ry0, rx1, ry1)};
            } else {
                int level = n + 1;
                bands = new Band[3];
                for (int o = HL; o <= HH; o++) {
                    int xo = o == LH ? 0 : 1;
                    int yo = o == HL ? 0 : 1;
                    bands[o - 1] = new Band(
                            o,
                            3 * (r - 1) + o,
                            level,
                            bandEdge(cx0, xo, level),
                            bandEdge(cy0, yo, level),
                            bandEdge(cx1, xo, level),
                            bandEdge(cy1, yo, level));
                }
            }
            int ppx = style.ppx()[r];
            int ppy = style.ppy()[r];
            int px0 = rx0 >> ppx;
            int py0 = ry0 >> ppy;
            int wide = rx1 > rx0 ? ceilShift(rx1, ppx) - px0 : 0;
            int high = ry1 > ry0 ? ceilShift(ry1, ppy) - py0 : 0;
            if (wide == 0 || high == 0) {
                wide = 0;
                high = 0;
            }
            int xcb = Math.min(style.xcb(), r == 0 ? ppx : ppx - 1);
            int ycb = Math.min(style.ycb(), r == 0 ? ppy : ppy - 1);
            resolutions[r] = new Resolution(r, rx0, ry0, rx1, ry1, bands, ppx, ppy, px0, py0, wide, high, xcb, ycb);
        }
        return new ComponentLayout(cx0, cy0, cx1, cy1, style, resolutions);
    }

    /**
     * Left edge of a subband of resolution {@code r} in the transformed plane: high-pass bands (HL, HH) sit right of
     * the resolution's low-pass part, which is resolution {@code r - 1}.
     */
    public int bandX(int r, Band band) {
        return band.orientation() == HL || band.orientation() == HH ? resolutions[r - 1].width() : 0;
    }

    /** Top edge of a subband of resolution {@code r}: LH and HH sit below resolution {@code r - 1}. */
    public int bandY(int r, Band band) {
        return band.orientation() == LH || band.orientation() == HH ? resolutions[r - 1].height() : 0;
    }

    /** ceil(v / 2^n) for non-negative v. */
    public static int ceilShift(int v, int n) {
        return (int) (((long) v + (1L << n) - 1) >> n);
    }

    /** Equation B-15: ceil((c - 2^(level-1) * offset) / 2^level). */
    private static int bandEdge(int c, int offset, int level) {
        long shifted = (long) c - ((long) offset << (level - 1));
        return (int) Math.floorDiv(shifted + (1L << level) - 1, 1L << level);
    }
}
