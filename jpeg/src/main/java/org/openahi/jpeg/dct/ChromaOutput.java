package org.openahi.jpeg.dct;

import org.openahi.jpeg.image.ChromaPlane;

/**
 * Where the inverse DCT puts the blocks of Cb or Cr when the two share a {@link ChromaPlane}: its 16-bit half of each
 * cell, the other half kept. Most chroma blocks of a photograph hold only a DC coefficient and are one value; the
 * others are transformed into a scratch block first.
 */
public final class ChromaOutput {

    private final int[] cells;
    private final ChromaPlane plane;
    private final int shift;
    private final int keep;
    private final short[] scratch = new short[64];

    /** @param cr whether this is Cr (the high halves), else Cb */
    public ChromaOutput(ChromaPlane plane, boolean cr) {
        this.plane = plane;
        this.cells = plane.cells();
        this.shift = cr ? 16 : 0;
        this.keep = cr ? 0xFFFF : 0xFFFF0000;
    }

    /** The inverse DCT of the block in block column {@code bx}, block row {@code by} into this component's halves. */
    void transform(Idct idct, short[] coef, int[] quant, int bx, int by, int shape) {
        int[] c = cells;
        int stride = plane.stride();
        int at = plane.rowOffset(by * 8) + bx * 8;
        if (shape == 0) {
            int v = idct.dcValue(coef[0], quant[0]) << shift;
            // written out: a loop of 8 costs C2's set-up for a vectorised loop on every row
            for (int row = 0; row < 8; row++, at += stride) {
                c[at] = c[at] & keep | v;
                c[at + 1] = c[at + 1] & keep | v;
                c[at + 2] = c[at + 2] & keep | v;
                c[at + 3] = c[at + 3] & keep | v;
                c[at + 4] = c[at + 4] & keep | v;
                c[at + 5] = c[at + 5] & keep | v;
                c[at + 6] = c[at + 6] & keep | v;
                c[at + 7] = c[at + 7] & keep | v;
            }
            return;
        }
        idct.transform(coef, 0, quant, scratch, 0, 8, shape);
        for (int row = 0, from = 0; row < 8; row++, at += stride) {
            for (int i = 0; i < 8; i++, from++) {
                c[at + i] = c[at + i] & keep | scratch[from] << shift;
            }
        }
    }
}
