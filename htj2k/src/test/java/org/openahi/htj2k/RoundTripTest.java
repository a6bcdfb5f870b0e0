package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our encoder's output decodes to the very samples it was given, through every public entry point. */
class RoundTripTest {

    private final Htj2kEncoder encoder = new Htj2kEncoder();
    private final Htj2kDecoder decoder = new Htj2kDecoder();

    static Stream<Arguments> depths() {
        List<Arguments> cases = new ArrayList<>();
        for (int bits = 1; bits <= 16; bits++) {
            for (boolean signed : new boolean[] {false, true}) {
                for (int components : new int[] {1, 3}) {
                    cases.add(Arguments.of(new ImageDescription(67, 45, components, bits, signed)));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> sizes() {
        int[][] sizes = {
            {1, 1},
            {1, 2},
            {2, 1},
            {3, 3},
            {7, 5},
            {64, 64},
            {65, 65},
            {65, 1},
            {1, 65},
            {129, 3},
            {200, 7},
            {130, 130},
            {257, 66}
        };
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : sizes) {
            cases.add(Arguments.of(new ImageDescription(s[0], s[1], 1, 16, true)));
            cases.add(Arguments.of(new ImageDescription(s[0], s[1], 3, 8, false)));
            cases.add(Arguments.of(new ImageDescription(s[0], s[1], 1, 12, false)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"depths", "sizes"})
    void decodesBitExact(ImageDescription image) throws Exception {
        int[] samples = TestImages.samples(image, image.hashCode());
        byte[] fromInts = encoder.encode(image, samples);
        byte[] raw = TestImages.nativeBytes(image, samples);
        assertThat(encoder.encode(image, raw))
                .as("the raw-layout entry point codes the same samples the same way")
                .isEqualTo(fromInts);

        DecodedImage decoded = decoder.decode(fromInts);
        assertThat(decoded.width()).isEqualTo(image.width());
        assertThat(decoded.height()).isEqualTo(image.height());
        assertThat(decoded.components()).isEqualTo(image.components());
        assertThat(decoded.bitDepth()).isEqualTo(image.bitsStored());
        assertThat(decoded.signed()).isEqualTo(image.signed());
        assertThat(decoded.samples()).isEqualTo(samples);
        assertThat(decoded.nativeBytes()).isEqualTo(raw);
    }

    @Test
    void oneDecoderDecodesFramesOfDifferentSizesInTurn() throws Exception {
        // each frame's tile-parts (one per resolution) are joined in room the decoder keeps from frame to frame
        ImageDescription[] images = {
            new ImageDescription(257, 66, 1, 16, true),
            new ImageDescription(65, 65, 3, 8, false),
            new ImageDescription(130, 130, 1, 12, false)
        };
        byte[][] codestreams = new byte[images.length][];
        for (int i = 0; i < images.length; i++) {
            codestreams[i] = encoder.encode(images[i], TestImages.samples(images[i], i));
        }
        for (int i : new int[] {0, 1, 2, 0, 2, 1, 0}) {
            assertThat(decoder.decode(codestreams[i]).samples())
                    .as("frame %d", i)
                    .isEqualTo(TestImages.samples(images[i], i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void checksumsAreThoseOfEachReducedDecode(ImageDescription image) throws Exception {
        int[] samples = TestImages.samples(image, 7);
        byte[] codestream = encoder.encode(image, samples);
        List<ResolutionChecksum> checksums = decoder.checksums(codestream);
        int levels = decoder.info(codestream).decompositionLevels();
        assertThat(checksums).hasSize(levels + 1);
        for (int i = 0; i <= levels; i++) {
            DecodedImage reduced = decoder.decode(codestream, levels - i);
            ResolutionChecksum c = checksums.get(i);
            assertThat(c.width()).isEqualTo(reduced.width());
            assertThat(c.height()).isEqualTo(reduced.height());
            assertThat(c.crc32()).isEqualTo(TestImages.crc32(reduced.nativeBytes()));
        }
        assertThat(checksums.get(levels).crc32()).isEqualTo(TestImages.crc32(TestImages.nativeBytes(image, samples)));
    }

    @Test
    void keepsOnlyBitsStoredOfNativeSamples() throws Exception {
        ImageDescription unsigned = new ImageDescription(31, 17, 1, 12, false);
        ImageDescription signed = new ImageDescription(31, 17, 1, 12, true);
        int[] values = TestImages.samples(signed, 3);
        byte[] raw = TestImages.nativeBytes(signed, values);
        // 16 bits allocated, 12 stored: the top nibble of each sample carries junk (overlay bits, sign copies).
        for (int i = 1; i < raw.length; i += 2) {
            raw[i] = (byte) ((raw[i] & 0x0F) | ((i * 37) & 0xF0));
        }
        int[] asUnsigned = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            asUnsigned[i] = values[i] & 0xFFF;
        }
        assertThat(decoder.decode(encoder.encode(unsigned, raw, 0, 16)).samples())
                .isEqualTo(asUnsigned);
        assertThat(decoder.decode(encoder.encode(signed, raw, 0, 16)).samples()).isEqualTo(values);
    }

    @Test
    void readsOneBitSamplesPackedLsbFirstAndFramesAtAnOffset() throws Exception {
        ImageDescription image = new ImageDescription(13, 11, 1, 1, false);
        int[] bits = TestImages.samples(image, 5);
        byte[] packed = new byte[3 + (bits.length + 7) / 8];
        for (int i = 0; i < bits.length; i++) {
            packed[3 + i / 8] |= (byte) (bits[i] << (i % 8));
        }
        assertThat(decoder.decode(encoder.encode(image, packed, 3, 1)).samples())
                .isEqualTo(bits);
    }

    @Test
    void eightBitsStoredInSixteenAllocated() throws Exception {
        ImageDescription image = new ImageDescription(40, 30, 3, 8, false);
        int[] samples = TestImages.samples(image, 11);
        byte[] wide = TestImages.nativeBytes(new ImageDescription(40, 30, 3, 16, false), samples);
        assertThat(decoder.decode(encoder.encode(image, wide, 0, 16)).samples()).isEqualTo(samples);
    }

    @Test
    void codingBlocksOnSeveralThreadsGivesTheSameCodestream() throws Exception {
        ImageDescription image = new ImageDescription(700, 500, 3, 16, false);
        int[] samples = TestImages.samples(image, 13);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            byte[] parallel = new Htj2kEncoder(pool, 4).encode(image, samples);
            assertThat(parallel).isEqualTo(encoder.encode(image, samples));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reusedInstancesHandleImagesOfDifferentSizes() throws Exception {
        ImageDescription[] images = {
            new ImageDescription(300, 200, 3, 16, true),
            new ImageDescription(5, 3, 1, 8, false),
            new ImageDescription(129, 257, 1, 12, false),
            new ImageDescription(1, 1, 3, 16, false)
        };
        for (ImageDescription image : images) {
            int[] samples = TestImages.samples(image, 17);
            assertThat(decoder.decode(encoder.encode(image, samples)).samples())
                    .as("%s", image)
                    .isEqualTo(samples);
        }
    }

    static Stream<Arguments> reusedBuffers() {
        return Stream.of(
                Arguments.of(new ImageDescription(257, 66, 1, 16, true), false),
                Arguments.of(new ImageDescription(130, 65, 3, 8, false), false),
                Arguments.of(new ImageDescription(67, 45, 1, 12, false), true),
                Arguments.of(new ImageDescription(65, 65, 3, 16, true), true));
    }

    /** The buffer a caller keeps holds what the last frame left: none of it may show through. */
    @ParameterizedTest(name = "{0}, Part 1 {1}")
    @MethodSource("reusedBuffers")
    void decodesIntoTheCallersBufferWhenItIsTheImagesSize(ImageDescription image, boolean part1) throws Exception {
        int[] samples = TestImages.samples(image, 23);
        byte[] codestream = part1 ? new J2kEncoder().encode(image, samples) : encoder.encode(image, samples);
        byte[] raw = TestImages.nativeBytes(image, samples);
        byte[] buffer = new byte[raw.length];
        Arrays.fill(buffer, (byte) 0x5A);
        assertThat(decoder.decode(codestream, buffer).nativeBytes())
                .isSameAs(buffer)
                .isEqualTo(raw);

        byte[] otherSize = new byte[raw.length + 2];
        assertThat(decoder.decode(codestream, otherSize).nativeBytes())
                .isNotSameAs(otherSize)
                .isEqualTo(raw);
        assertThat(otherSize).containsOnly(0);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Arrays.fill(buffer, (byte) 0xA5);
            Htj2kDecoder threeTasks = new Htj2kDecoder(Htj2kDecoder.DEFAULT_MAX_SAMPLES, pool, 3);
            assertThat(threeTasks.decode(codestream, buffer).nativeBytes())
                    .isSameAs(buffer)
                    .isEqualTo(raw);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"depths", "sizes"})
    void encodeJphWritesTheBytesWrapJphMakesOfTheCodestream(ImageDescription image) throws Exception {
        int[] samples = TestImages.samples(image, 31);
        byte[] raw = TestImages.nativeBytes(image, samples);
        int bitsAllocated = image.bytesPerSample() * 8;
        byte[] wrapped = Htj2kEncoder.wrapJph(encoder.encode(image, raw, 0, bitsAllocated), image);
        assertThat(encoder.encodeJph(image, raw, 0, bitsAllocated)).isEqualTo(wrapped);
        assertThat(decoder.decode(encoder.encodeJph(image, raw, 0, bitsAllocated))
                        .nativeBytes())
                .isEqualTo(raw);
    }

    @Test
    void decodesBoxedCodestreams() throws Exception {
        ImageDescription image = new ImageDescription(90, 70, 1, 16, true);
        int[] samples = TestImages.samples(image, 19);
        byte[] codestream = encoder.encode(image, samples);
        byte[] boxed = Htj2kEncoder.wrapJph(codestream, image);
        assertThat(boxed).startsWith(0, 0, 0, 12, 'j', 'P', ' ', ' ');
        assertThat(decoder.decode(boxed).samples()).isEqualTo(samples);
        assertThat(decoder.info(boxed)).isEqualTo(decoder.info(codestream));
    }
}
