package org.openahi.jpeg.colour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** YCbCr to RGB at the points JFIF fixes, and clamping. */
class YbrToRgbTest {

  @Test
  void greyStaysGreyAndPrimariesComeBack() {
    int[] px = {128, 128, 128, 0, 128, 128, 255, 128, 128, 76, 85, 255, 29, 255, 107};
    YbrToRgb.convert(px, 5, 8);
    assertThat(px).containsExactly(128, 128, 128, 0, 0, 0, 255, 255, 255, 254, 0, 0, 0, 0, 254);
  }

  @Test
  void twelveAndSixteenBitCentresAreHalfTheRange() {
    int[] px12 = {2048, 2048, 2048};
    YbrToRgb.convert(px12, 1, 12);
    assertThat(px12).containsExactly(2048, 2048, 2048);
    int[] px16 = {0, 32768, 65535};
    YbrToRgb.convert(px16, 1, 16);
    assertThat(px16[0]).as("(int) (1.402 x 32767 + 0.5)").isEqualTo(45939);
    assertThat(px16[1]).isZero();
    assertThat(px16[2]).isZero();
  }
}
