package org.openahi.jpeg.image;

/**
 * Cb and Cr of an 8-bit YCbCr frame sampled 4:2:2 or 4:2:0, in one ring of int cells: Cb in the low 16 bits, Cr in
 * the high 16. Upsampling then reads both components of a position in one load and interpolates them together
 * ({@code Upsampler.writeChroma}), with fewer arrays and offsets live in its loop than two {@link Plane}s need.
 */
public final class ChromaPlane extends RowRing {

    private final int[] cells;

    public ChromaPlane(int width, int height, int stride, int rows) {
        super(width, height, stride, rows);
        this.cells = new int[cellCount()];
    }

    /** Cb | Cr << 16 per position, row y from {@code rowOffset(y)} on. */
    public int[] cells() {
        return cells;
    }
}
