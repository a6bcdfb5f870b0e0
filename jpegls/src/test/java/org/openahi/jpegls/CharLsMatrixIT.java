package org.openahi.jpegls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.jpegls.CharLsTool.Options;
import org.openahi.jpegls.CharLsTool.Raw;

/**
 * Streams CharLS 2.4 encodes at test time from corpus frames, decoded by us and by CharLS: every precision from 2 to
 * 16 bits, lossless and near-lossless, 1 to 4 components in each interleave mode, custom thresholds and RESET. The
 * samples must be CharLS's, and for lossless coding the source's; near-lossless ones within NEAR of the source.
 */
class CharLsMatrixIT {

    @TempDir
    Path temp;

    private CharLsTool charls;
    private TestImages images;
    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @BeforeEach
    void setUp() throws Exception {
        charls = CharLsTool.build(temp);
        images = TestImages.load();
    }

    @Test
    void everyPrecisionLosslessAndNearLossless() throws Exception {
        int cases = 0;
        for (int bits = 2; bits <= 16; bits++) {
            int largestNear = Math.min(255, ((1 << bits) - 1) / 2);
            for (int near : new TreeSet<>(List.of(0, 1, 3, largestNear))) {
                if (near <= largestNear) {
                    assertThat(check(images.grey(bits), new Options(Interleave.NONE, near, 0, 0, 0, 0, 0, 0)))
                            .isTrue();
                    cases++;
                }
            }
        }
        System.out.println("CharLS matrix, precisions 2..16: " + cases + " streams bit-exact");
        assertThat(cases).isEqualTo(57);
    }

    /**
     * 1 to 4 components in each interleave mode but one: CharLS 2.4 writes 2-component line- and sample-interleaved
     * frames as all zeros whatever the input (its line copy has no 2-component case) and cannot read them back, so
     * they have no oracle here; the decoder's path for them is the one 3 and 4 components take. CharLS's lossless
     * 8-bit 4-component sample-interleaved encoder ends runs on the first three components only (its quad equality is
     * the triplet's), so that frame does not come back as the source, from CharLS or from us.
     */
    @Test
    void everyComponentCountInEveryInterleaveMode() throws Exception {
        int cases = 0;
        for (int components = 1; components <= 4; components++) {
            for (Interleave interleave : Interleave.values()) {
                if ((components == 1 || components == 2) && interleave != Interleave.NONE) {
                    continue;
                }
                for (int bits : new int[] {5, 8, 12, 16}) {
                    for (int near : new int[] {0, 2}) {
                        boolean charlsLoses =
                                components == 4 && interleave == Interleave.SAMPLE && bits == 8 && near == 0;
                        assertThat(check(
                                        images.colour(components, bits),
                                        new Options(interleave, near, 0, 0, 0, 0, 0, 0),
                                        !charlsLoses))
                                .isTrue();
                        cases++;
                    }
                }
            }
        }
        System.out.println("CharLS matrix, components and interleave: " + cases + " streams bit-exact");
        assertThat(cases).isEqualTo(8 * 8);
    }

    @Test
    void customThresholdsAndReset() throws Exception {
        int cases = 0;
        for (int bits : new int[] {4, 8, 12, 16}) {
            int maxVal = (1 << bits) - 1;
            for (int[] presets : new int[][] {{4, 5, 6, 3}, {5, 11, 40, 24}, {0, 0, 0, 255}, {2, 0, 0, 1000}}) {
                for (int near : new int[] {0, 1}) {
                    int t1 = Math.min(presets[0], maxVal);
                    int t2 = Math.min(presets[1], maxVal);
                    int t3 = Math.min(presets[2], maxVal);
                    int reset = Math.min(presets[3], Math.max(255, maxVal));
                    for (Raw image : List.of(images.grey(bits), images.colour(3, bits))) {
                        assertThat(check(
                                        image,
                                        new Options(
                                                image.components() == 1 ? Interleave.NONE : Interleave.LINE,
                                                near,
                                                0,
                                                t1,
                                                t2,
                                                t3,
                                                reset,
                                                0)))
                                .isTrue();
                        cases++;
                    }
                }
            }
        }
        System.out.println("CharLS matrix, custom presets: " + cases + " streams bit-exact");
        assertThat(cases).isEqualTo(64);
    }

    @Test
    void hpColourTransformsAreRefusedWithTheirName() throws Exception {
        Raw image = images.colour(3, 8);
        for (int transform = 1; transform <= 3; transform++) {
            byte[] code = charls.encodeOk(image, new Options(Interleave.LINE, 0, 0, 0, 0, 0, 0, transform));
            assertThatThrownBy(() -> decoder.decode(code))
                    .isInstanceOf(JpegLsException.class)
                    .hasMessageContaining("HP colour transform " + transform)
                    .satisfies(e -> assertThat(((JpegLsException) e).code()).isEqualTo(0x0152));
        }
    }

    /**
     * CharLS encodes, CharLS and we decode; the two must agree, and agree with the source as NEAR allows. Returns false
     * when CharLS cannot decode its own stream (then only the source is the reference).
     */
    private boolean check(Raw image, Options options) throws Exception {
        return check(image, options, true);
    }

    /** As {@link #check(Raw, Options)}; with {@code againstSource} false, CharLS's decoding is the only reference. */
    private boolean check(Raw image, Options options, boolean againstSource) throws Exception {
        byte[] code = charls.encodeOk(image, options);
        Raw expected = charls.decodeIfItCan(code);
        DecodedImage ours = decoder.decode(code);
        String what = options + " of " + image.width() + "x" + image.height() + "x" + image.components() + " "
                + image.bits() + "-bit (" + ours.info() + ")";
        if (expected != null) {
            assertThat(ours.nativeBytes()).as(what).isEqualTo(expected.samples());
        }
        int[] source = new DecodedImage(ours.info(), image.samples()).samples();
        int[] decoded = ours.samples();
        if (!againstSource) {
            return expected != null;
        }
        for (int i = 0; i < source.length; i++) {
            if (Math.abs(source[i] - decoded[i]) > options.near()) {
                throw new AssertionError(what + ": sample " + i + " is " + decoded[i] + ", source " + source[i]);
            }
        }
        return expected != null;
    }
}
