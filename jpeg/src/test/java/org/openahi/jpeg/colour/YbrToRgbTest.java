package org.openahi.jpeg.colour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** YCbCr to RGB at the points JFIF fixes, and clamping. */
class YbrToRgbTest {

  @Test
  void greyStaysGreyAndPrimariesComeBack() {
    int[] y = {128, 0, 255, 76, 29};
    int[] cb = {128, 128, 128, 85, 255};
    int[] cr = {128, 128, 128, 255, 107};
    YbrToRgb.convert(y, cb, cr, 5, 8);
    assertThat(y).as("R").containsExactly(128, 0, 255, 254, 0);
    assertThat(cb).as("G").containsExactly(128, 0, 255, 0, 0);
    assertThat(cr).as("B").containsExactly(128, 0, 255, 0, 254);
  }

  @Test
  void twelveAndSixteenBitCentresAreHalfTheRange() {
    int[] y = {2048};
    int[] cb = {2048};
    int[] cr = {2048};
    YbrToRgb.convert(y, cb, cr, 1, 12);
    assertThat(new int[] {y[0], cb[0], cr[0]}).containsExactly(2048, 2048, 2048);
    int[] y16 = {0};
    int[] cb16 = {32768};
    int[] cr16 = {65535};
    YbrToRgb.convert(y16, cb16, cr16, 1, 16);
    assertThat(y16[0]).as("(int) (1.402 x 32767 + 0.5)").isEqualTo(45939);
    assertThat(cb16[0]).isZero();
    assertThat(cr16[0]).isZero();
  }
}
