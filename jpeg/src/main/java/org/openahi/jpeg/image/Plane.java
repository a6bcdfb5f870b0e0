package org.openahi.jpeg.image;

/**
 * The decoded samples of one component at its own resolution (before upsampling), unsigned in 16-bit cells. The
 * plane covers every data unit the scans can write, so it is {@code stride} wide and {@code rows} high; only
 * {@code width x height} of it is image.
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

    public int rows() {
        return rows;
    }

    /** Row-major cells, {@code samples()[y * stride() + x]}; read them with {@code & 0xFFFF}. */
    public short[] samples() {
        return samples;
    }
}
