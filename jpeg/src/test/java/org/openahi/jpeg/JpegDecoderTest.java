package org.openahi.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The public API on streams of the test encoder: header facts, the native layout, conversions. */
class JpegDecoderTest {

    private final JpegDecoder decoder = new JpegDecoder();

    @Test
    void infoReadsTheHeadersOnly() throws Exception {
        int[] samples = new int[30 * 20];
        byte[] jpeg = TestEncoder.encode(
                30,
                20,
                List.of(new TestEncoder.Component(1, 1, samples)),
                new TestEncoder.Options(true, 12, 6, 2, 0, true, 1));
        JpegInfo info = decoder.info(jpeg);
        assertThat(info).isEqualTo(new JpegInfo(30, 20, 1, 12, JpegProcess.LOSSLESS, "1x1", 6, 2, 30, false, -1));
        assertThat(info.bytesPerSample()).isEqualTo(2);
        assertThat(info.samples()).isEqualTo(600);
        assertThat(JpegProcess.LOSSLESS.sofMarker()).isEqualTo(0xC3);
    }

    @Test
    void samplesAreLittleEndianInterleavedAtFullResolution() throws Exception {
        int[] a = new int[4 * 2];
        int[] b = new int[4 * 2];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1000 + i;
            b[i] = 4095 - i;
        }
        byte[] jpeg = TestEncoder.encode(
                4,
                2,
                List.of(new TestEncoder.Component(1, 1, a), new TestEncoder.Component(1, 1, b)),
                new TestEncoder.Options(true, 12, 1, 0, 0, true, 0));
        DecodedImage image = decoder.decode(jpeg);
        assertThat(image.width()).isEqualTo(4);
        assertThat(image.height()).isEqualTo(2);
        assertThat(image.components()).isEqualTo(2);
        assertThat(image.bitDepth()).isEqualTo(12);
        assertThat(image.bytesPerSample()).isEqualTo(2);
        assertThat(image.convertedToRgb()).isFalse();
        byte[] raw = image.nativeBytes();
        assertThat(raw).hasSize(4 * 2 * 2 * 2);
        assertThat(raw[0] & 0xFF | (raw[1] & 0xFF) << 8).isEqualTo(1000);
        assertThat(raw[2] & 0xFF | (raw[3] & 0xFF) << 8).isEqualTo(4095);
        assertThat(image.samples()).startsWith(1000, 4095, 1001, 4094);
    }

    @Test
    void rgbConversionAppliesToThreeComponentsOnly() throws Exception {
        int[] grey = new int[8 * 8];
        java.util.Arrays.fill(grey, 90);
        byte[] mono = TestEncoder.encode(
                8,
                8,
                List.of(new TestEncoder.Component(1, 1, grey)),
                new TestEncoder.Options(true, 8, 1, 0, 0, true, 0));
        DecodedImage one = decoder.decode(mono, ColourConversion.YBR_TO_RGB);
        assertThat(one.convertedToRgb()).isFalse();
        assertThat(one.samples()).containsOnly(90);
        int[] neutral = new int[8 * 8];
        java.util.Arrays.fill(neutral, 128);
        byte[] colour = TestEncoder.encode(
                8,
                8,
                List.of(
                        new TestEncoder.Component(1, 1, grey),
                        new TestEncoder.Component(1, 1, neutral),
                        new TestEncoder.Component(1, 1, neutral)),
                new TestEncoder.Options(true, 8, 1, 0, 0, true, 0));
        DecodedImage three = decoder.decode(colour, ColourConversion.YBR_TO_RGB);
        assertThat(three.convertedToRgb()).isTrue();
        assertThat(three.samples()).containsOnly(90);
    }
}
