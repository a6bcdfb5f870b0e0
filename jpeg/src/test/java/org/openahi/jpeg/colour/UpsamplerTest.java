package org.openahi.jpeg.colour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openahi.jpeg.image.Plane;

/** IJG's triangle filter for 2x1 and 2x2, replication elsewhere, and the lossless point transform. */
class UpsamplerTest {

  private static Plane plane(int width, int height, int... samples) {
    Plane p = new Plane(width, height, width, height);
    for (int i = 0; i < samples.length; i++) {
      p.samples()[i] = (short) samples[i];
    }
    return p;
  }

  @Test
  void halfWidthIsInterpolatedThreeToOne() {
    Upsampler up = new Upsampler(plane(3, 1, 0, 100, 200), 1, 1, 2, 1, 6, true, 0);
    int[] line = new int[6];
    up.line(0, line);
    // ends copied; inside (3 * nearer + farther + 1 or 2) / 4
    assertThat(line).containsExactly(0, 25, 75, 125, 175, 200);
  }

  @Test
  void halfSizeMixesTheLineAboveOrBelow() {
    Upsampler up = new Upsampler(plane(3, 2, 0, 0, 0, 160, 160, 160), 1, 1, 2, 2, 6, true, 0);
    int[] line = new int[6];
    up.line(1, line);
    // line 1 = 3/4 of input line 0 + 1/4 of input line 1 (below): 40 everywhere, with IJG's rounding
    assertThat(line).containsExactly(40, 40, 40, 40, 40, 40);
    up.line(2, line);
    assertThat(line).containsExactly(120, 120, 120, 120, 120, 120);
    up.line(3, line);
    assertThat(line).as("the last line is replicated below the component").containsExactly(160, 160, 160, 160, 160,
        160);
  }

  @Test
  void narrowComponentsAndLosslessImagesAreReplicated() {
    int[] line = new int[4];
    new Upsampler(plane(2, 1, 10, 20), 1, 1, 2, 1, 4, true, 0).line(0, line);
    assertThat(line).as("two samples wide: IJG replicates").containsExactly(10, 10, 20, 20);
    new Upsampler(plane(2, 1, 10, 20), 1, 1, 2, 1, 4, false, 2).line(0, line);
    assertThat(line).as("lossless, point transform 2").containsExactly(40, 40, 80, 80);
    int[] wide = new int[8];
    new Upsampler(plane(2, 1, 1, 2), 1, 1, 4, 1, 8, true, 0).line(0, wide);
    assertThat(wide).containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
  }
}
