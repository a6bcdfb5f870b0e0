package org.openahi.jpeg.dct;

/**
 * One 8-bit component whose blocks the inverse DCT writes straight into the interleaved output image: a component at
 * full resolution and not colour-converted needs neither a plane nor a copy. A block that crosses the image's right or
 * bottom edge is transformed into a scratch block, of which only the samples inside the image are kept; blocks wholly
 * outside it (the padding of interleaved MCUs) are dropped.
 */
public final class DirectOutput {

    private final byte[] out;
    private final int component;
    private final int step;
    private final int stride;
    private final int width;
    private final int height;
    private final short[] scratch = new short[64];

    /**
     * @param out        the output image, {@code width x height} pixels of {@code components} bytes
     * @param component  this component's position in a pixel
     */
    public DirectOutput(byte[] out, int component, int components, int width, int height) {
        this.out = out;
        this.component = component;
        this.step = components;
        this.stride = width * components;
        this.width = width;
        this.height = height;
    }

    /** The inverse DCT of the block in block column {@code bx}, block row {@code by} into the image. */
    void transform(Idct idct, short[] coef, int[] quant, int bx, int by, int shape) {
        int x = bx * 8;
        int y = by * 8;
        if (x + 8 <= width && y + 8 <= height) {
            idct.transform(coef, 0, quant, out, component + y * stride + x * step, step, stride, shape);
            return;
        }
        if (x >= width || y >= height) {
            return;
        }
        idct.transform(coef, 0, quant, scratch, 0, 8, shape);
        int columns = Math.min(8, width - x);
        int rows = Math.min(8, height - y);
        for (int r = 0; r < rows; r++) {
            int o = component + (y + r) * stride + x * step;
            for (int c = 0; c < columns; c++, o += step) {
                out[o] = (byte) scratch[r * 8 + c];
            }
        }
    }
}
