package org.openahi.jpegls.markers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openahi.jpegls.JpegLsException;

/** The defaults of T.87 C.2.4.1.1.1 and the ranges of Table C.1. */
class PresetParametersTest {

    @Test
    void defaultsForCommonPrecisions() throws JpegLsException {
        assertThat(PresetParameters.UNSPECIFIED.resolve(8, 0, 0)).isEqualTo(new PresetParameters(255, 3, 7, 21, 64));
        assertThat(PresetParameters.UNSPECIFIED.resolve(12, 0, 0))
                .isEqualTo(new PresetParameters(4095, 18, 67, 276, 64));
        assertThat(PresetParameters.UNSPECIFIED.resolve(16, 0, 0))
                .isEqualTo(new PresetParameters(65535, 18, 67, 276, 64));
        assertThat(PresetParameters.UNSPECIFIED.resolve(10, 0, 0)).isEqualTo(new PresetParameters(1023, 6, 19, 72, 64));
    }

    @Test
    void defaultsGrowWithNear() throws JpegLsException {
        assertThat(PresetParameters.UNSPECIFIED.resolve(8, 3, 0)).isEqualTo(new PresetParameters(255, 12, 22, 42, 64));
    }

    /** MAXVAL below 128 takes the second set of formulas (which CharLS before 2.1 did not). */
    @Test
    void defaultsForFewBits() throws JpegLsException {
        assertThat(PresetParameters.UNSPECIFIED.resolve(2, 0, 0)).isEqualTo(new PresetParameters(3, 2, 3, 3, 64));
        assertThat(PresetParameters.UNSPECIFIED.resolve(7, 0, 0)).isEqualTo(new PresetParameters(127, 2, 3, 10, 64));
    }

    @Test
    void explicitValuesReplaceTheDefaults() throws JpegLsException {
        assertThat(new PresetParameters(1000, 0, 30, 0, 300).resolve(10, 0, 0))
                .isEqualTo(new PresetParameters(1000, 6, 30, 72, 300));
    }

    @Test
    void valuesOutsideTableC1AreRefused() {
        assertThatThrownBy(() -> new PresetParameters(256, 0, 0, 0, 0).resolve(8, 0, 7))
                .isInstanceOf(JpegLsException.class)
                .hasMessage("JPEG-LS-0101 at byte 7: LSE MAXVAL 256 is larger than " + "8-bit samples allow");
        assertThatThrownBy(() -> PresetParameters.UNSPECIFIED.resolve(8, 128, 0))
                .hasMessageContaining("NEAR 128");
        assertThatThrownBy(() -> new PresetParameters(0, 9, 8, 0, 0).resolve(8, 0, 0))
                .hasMessageContaining("T2 8");
        assertThatThrownBy(() -> new PresetParameters(0, 0, 0, 2, 0).resolve(8, 0, 0))
                .hasMessageContaining("T3 2");
        assertThatThrownBy(() -> new PresetParameters(0, 2, 0, 0, 0).resolve(8, 3, 0))
                .hasMessageContaining("T1 2");
        assertThatThrownBy(() -> new PresetParameters(0, 0, 0, 0, 2).resolve(8, 0, 0))
                .hasMessageContaining("RESET 2");
        assertThatThrownBy(() -> new PresetParameters(0, 0, 0, 0, 256).resolve(8, 0, 0))
                .hasMessageContaining("RESET");
    }
}
