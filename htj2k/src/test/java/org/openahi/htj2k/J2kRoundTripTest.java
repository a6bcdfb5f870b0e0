package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JPEG 2000 Part 1 lossless encoder's output decodes to the very samples it was given (the same images as the
 * HTJ2K {@link RoundTripTest}), is a Part 1 codestream (Rsiz 0, no CAP, code-block style 0), and its first r + 1
 * tile-parts alone decode resolution r, so a client can read a thumbnail first.
 */
class J2kRoundTripTest {

    private final J2kEncoder encoder = new J2kEncoder();
    private final Htj2kDecoder decoder = new Htj2kDecoder();

    static Stream<Arguments> images() {
        return Stream.concat(RoundTripTest.depths(), RoundTripTest.sizes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void decodesBitExact(ImageDescription image) throws Exception {
        int[] samples = TestImages.samples(image, image.hashCode());
        byte[] codestream = encoder.encode(image, samples);
        assertThat(encoder.encode(image, TestImages.nativeBytes(image, samples)))
                .isEqualTo(codestream);
        CodestreamInfo info = decoder.info(codestream);
        assertThat(info.ht()).isFalse();
        assertThat(info.progression()).isEqualTo(Progression.RPCL);
        assertThat(info.tileParts()).isEqualTo(info.decompositionLevels() + 1);
        assertThat(info.tlm()).isTrue();
        assertThat(codestream[6] | codestream[7]).as("Rsiz").isZero();
        DecodedImage decoded = decoder.decode(codestream);
        assertThat(decoded.samples()).isEqualTo(samples);

        for (int level = info.decompositionLevels(); level > 0; level--) {
            int r = info.decompositionLevels() - level;
            byte[] head = java.util.Arrays.copyOf(codestream, DicomFiles.endOfTilePart(codestream, r));
            assertThat(decoder.decode(head, level).nativeBytes())
                    .as("resolution %d from its tile-parts", r)
                    .isEqualTo(decoder.decode(codestream, level).nativeBytes());
        }
    }

    @Test
    void parallelCodingGivesTheSameCodestream() throws Exception {
        ImageDescription image = new ImageDescription(700, 513, 3, 12, false);
        int[] samples = TestImages.samples(image, 5);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            assertThat(new J2kEncoder(pool, 4).encode(image, samples)).isEqualTo(encoder.encode(image, samples));
        } finally {
            pool.shutdown();
        }
    }
}
