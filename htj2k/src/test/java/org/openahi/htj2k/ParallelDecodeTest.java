package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openahi.htj2k.tier2.RefinementCodestreams;

/**
 * A decoder given an executor decodes every image, at every resolution, to the same bytes as one on a single thread,
 * and refuses corrupt input with the same error: HT and Part 1 code-blocks, refinement passes, colour, images large
 * enough for the inverse wavelet levels to be split by rows too.
 */
class ParallelDecodeTest {

    private final Htj2kDecoder parallel = ParallelDecoder.FOUR_TASKS;
    private final Htj2kDecoder sequential = new Htj2kDecoder();

    @Test
    void htImagesDecodeAsOnOneThread() throws Exception {
        for (ImageDescription image : new ImageDescription[] {
            new ImageDescription(700, 523, 1, 16, true),
            new ImageDescription(333, 301, 3, 8, false),
            new ImageDescription(1, 300, 1, 12, false),
            new ImageDescription(65, 1, 1, 16, false)
        }) {
            int[] samples = TestImages.samples(image, image.hashCode());
            byte[] codestream = new Htj2kEncoder().encode(image, samples);
            assertThat(parallel.decode(codestream).samples()).as("%s", image).isEqualTo(samples);
            assertSameAtEveryResolution(codestream);
            assertThat(parallel.checksums(codestream)).isEqualTo(sequential.checksums(codestream));
        }
    }

    @Test
    void part1ImagesDecodeAsOnOneThread() throws Exception {
        ImageDescription image = new ImageDescription(400, 260, 3, 12, false);
        int[] samples = TestImages.samples(image, 8);
        byte[] codestream = new J2kEncoder().encode(image, samples);
        assertThat(parallel.decode(codestream).samples()).isEqualTo(samples);
        assertSameAtEveryResolution(codestream);
    }

    @Test
    void refinementPassesDecodeAsOnOneThread() throws Exception {
        ImageDescription image = new ImageDescription(300, 270, 1, 12, false);
        RefinementCodestreams.Result r = RefinementCodestreams.build(
                300, 270, 12, TestImages.samples(image, 9), 2, 1, 1, new int[] {1, 2}, false);
        assertThat(parallel.decode(r.codestream()).samples()).isEqualTo(r.expected());
        assertSameAtEveryResolution(r.codestream());
    }

    @Test
    void corruptInputFailsWithTheSameErrorAsOnOneThread() throws Exception {
        ImageDescription image = new ImageDescription(300, 200, 1, 16, true);
        byte[] codestream = new Htj2kEncoder().encode(image, TestImages.samples(image, 10));
        SplittableRandom random = new SplittableRandom(11);
        int refused = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bad = codestream.clone();
            for (int i = 0, flips = 1 + random.nextInt(6); i < flips; i++) {
                bad[random.nextInt(200, bad.length)] = (byte) random.nextInt(256);
            }
            Throwable one = catchThrowable(() -> sequential.decode(bad));
            Throwable many = catchThrowable(() -> parallel.decode(bad));
            if (one == null) {
                assertThat(many).as("round %d", round).isNull();
                assertThat(parallel.decode(bad).nativeBytes())
                        .isEqualTo(sequential.decode(bad).nativeBytes());
            } else {
                refused++;
                assertThat(one).isInstanceOf(Htj2kException.class);
                assertThat(many)
                        .as("round %d", round)
                        .isInstanceOf(Htj2kException.class)
                        .hasMessage(one.getMessage());
            }
        }
        assertThat(refused).isPositive();
    }

    private void assertSameAtEveryResolution(byte[] codestream) throws Exception {
        int levels = sequential.info(codestream).decompositionLevels();
        for (int level = 0; level <= levels; level++) {
            assertThat(parallel.decode(codestream, level).nativeBytes())
                    .as("level %d", level)
                    .isEqualTo(sequential.decode(codestream, level).nativeBytes());
        }
    }
}
