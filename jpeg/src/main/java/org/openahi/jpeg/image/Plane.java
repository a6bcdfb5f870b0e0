package org.openahi.jpeg.image;

/** The decoded samples of one component at its own resolution (before upsampling), unsigned in 16-bit cells. */
public final class Plane extends RowRing {

    private final short[] samples;

    public Plane(int width, int height, int stride, int rows) {
        super(width, height, stride, rows);
        this.samples = new short[cellCount()];
    }

    /** The cells, row y from {@code rowOffset(y)} on; read them with {@code & 0xFFFF}. */
    public short[] samples() {
        return samples;
    }
}
