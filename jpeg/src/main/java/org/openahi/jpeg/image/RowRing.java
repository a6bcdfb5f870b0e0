package org.openahi.jpeg.image;

/**
 * Where the rows of a component's samples at its own resolution lie in a plane's cells: {@code rows} rows of
 * {@code stride} cells, either every row the scans can write (every data unit, so more than {@code width x height})
 * or a ring of the last rows decoded, in which row y lives at row {@code y mod rows} (a single-scan frame is
 * converted to its output while it is decoded, a few rows behind).
 */
public abstract sealed class RowRing permits Plane, ChromaPlane {

    private final int width;
    private final int height;
    private final int stride;
    private final int rows;

    RowRing(int width, int height, int stride, int rows) {
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.rows = rows;
    }

    /** Samples per line of the component (of each component, for {@link ChromaPlane}). */
    public final int width() {
        return width;
    }

    public final int height() {
        return height;
    }

    public final int stride() {
        return stride;
    }

    /** Where row {@code y} starts in the cells. */
    public final int rowOffset(int y) {
        return (y < rows ? y : y % rows) * stride;
    }

    /** How many cells the rows take. */
    final int cellCount() {
        return Math.multiplyExact(stride, rows);
    }
}
