package org.openahi.jpeg.image;

/**
 * The decoded samples of one component at its own resolution (before upsampling), unsigned in 16-bit cells. A plane
 * holds {@code rows} rows of {@code stride} cells: either every row the scans can write (every data unit, so more
 * than the {@code width x height} of image), or a ring of the last rows decoded, in which row y lives at row
 * {@code y mod rows} (a single-scan frame is converted to its output while it is decoded, a few rows behind).
 */
public final class Plane {

    private final int width;
    private final int height;
    private final int stride;
    private final int rows;
    private final short[] samples;

    public Plane(int width, int height, int stride, int rows) {
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.rows = rows;
        this.samples = new short[Math.multiplyExact(stride, rows)];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int stride() {
        return stride;
    }

    /** Where row {@code y} of the component starts in {@link #samples()}. */
    public int rowOffset(int y) {
        return (y < rows ? y : y % rows) * stride;
    }

    /** The cells, row y from {@code rowOffset(y)} on; read them with {@code & 0xFFFF}. */
    public short[] samples() {
        return samples;
    }
}
