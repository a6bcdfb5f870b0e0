package org.openahi.jpeg.colour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** YCbCr to RGB at the points JFIF fixes, clamping, and the 12- and 16-bit centres. */
class YbrToRgbTest {

    @Test
    void greyStaysGreyAndPrimariesComeBack() {
        short[] y = {128, 0, 255, 76, 29};
        short[] cb = {128, 128, 128, 85, 255};
        short[] cr = {128, 128, 128, 255, 107};
        byte[] out = new byte[15];
        YbrToRgb.toBytes(y, 0, cb, 0, cr, 0, 5, out, 0);
        int[] rgb = new int[15];
        for (int i = 0; i < 15; i++) {
            rgb[i] = out[i] & 0xFF;
        }
        assertThat(rgb).containsExactly(128, 128, 128, 0, 0, 0, 255, 255, 255, 254, 0, 0, 0, 0, 254);
    }

    @Test
    void twelveAndSixteenBitCentresAreHalfTheRange() {
        byte[] out = new byte[6];
        YbrToRgb.toShorts(new short[] {2048}, 0, new short[] {2048}, 0, new short[] {2048}, 0, 1, 12, out, 0);
        assertThat(shorts(out)).containsExactly(2048, 2048, 2048);
        YbrToRgb.toShorts(
                new short[] {0}, 0, new short[] {(short) 32768}, 0, new short[] {(short) 65535}, 0, 1, 16, out, 0);
        assertThat(shorts(out)).as("R = (int) (1.402 x 32767 + 0.5)").containsExactly(45939, 0, 0);
    }

    private static int[] shorts(byte[] b) {
        int[] out = new int[b.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8;
        }
        return out;
    }
}
