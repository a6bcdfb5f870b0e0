package org.openahi.jpeg.image;

/**
 * Cb and Cr of an 8-bit YCbCr frame sampled 4:2:2 or 4:2:0, in one ring of int cells: Cb in the low 16 bits, Cr in
 * the high 16. Upsampling then reads both components of a position in one load and interpolates them together
 * ({@code Upsampler.writeChroma}), with fewer arrays and offsets live in its loop than two {@link Plane}s need. Rows
 * live as in a ring {@link Plane}: row y at row {@code y mod rows}.
 */
public final class ChromaPlane {

    private final int width;
    private final int height;
    private final int stride;
    private final int rows;
    private final int[] cells;

    public ChromaPlane(int width, int height, int stride, int rows) {
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.rows = rows;
        this.cells = new int[Math.multiplyExact(stride, rows)];
    }

    /** Samples per line of each component. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int stride() {
        return stride;
    }

    /** Where row {@code y} starts in {@link #cells()}. */
    public int rowOffset(int y) {
        return (y < rows ? y : y % rows) * stride;
    }

    /** Cb | Cr << 16 per position, row y from {@code rowOffset(y)} on. */
    public int[] cells() {
        return cells;
    }
}
