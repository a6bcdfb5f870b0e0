package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our JPEG 2000 Part 1 lossless codestreams decode bit-exact in OpenJPEG's {@code opj_decompress}, at full size and
 * at every reduced resolution equal to our own decoder: the gen_images.py set (8, 12, 16 bits, signed CT, RGB,
 * 3000 x 3000) and synthetic images of 1 to 16 bits, signed and unsigned, 1 and 3 components, odd sizes.
 */
class J2kEncoderOracleIT {

    @TempDir
    Path dir;

    static Stream<Arguments> images() throws Exception {
        List<Arguments> cases = new ArrayList<>(OracleInteropIT.images().toList());
        Path synthetic = Files.createDirectories(Path.of("target", "j2k-synthetic"));
        for (int bits = 1; bits <= 16; bits += 3) {
            for (boolean signed : new boolean[] {false, true}) {
                for (int components : new int[] {1, 3}) {
                    ImageDescription image = new ImageDescription(131, 77, components, bits, signed);
                    String name = "j2k_" + components + "_" + (signed ? "s" : "u") + bits;
                    Path raw = synthetic.resolve(name + ".raw");
                    Files.write(raw, TestImages.nativeBytes(image, TestImages.samples(image, name.hashCode())));
                    cases.add(Arguments.of(new OracleInteropIT.Case(name, image, raw)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void openJpegReadsOurCodestreamsBitExact(OracleInteropIT.Case c) throws Exception {
        ImageDescription image = c.image();
        byte[] raw = Files.readAllBytes(c.raw());
        byte[] codestream = new J2kEncoder().encode(image, raw);
        Path j2k = Files.write(dir.resolve(c.name() + ".j2k"), codestream);
        Htj2kDecoder decoder = new Htj2kDecoder();
        assertThat(decoder.decode(codestream).nativeBytes()).as("our decoder").isEqualTo(raw);
        int levels = decoder.info(codestream).decompositionLevels();
        for (int level = 0; level <= levels; level++) {
            int[] opj = OpenJpeg.values(OpenJpeg.decode(dir, j2k, level), image.bitsStored(), image.signed());
            assertThat(opj)
                    .as("opj_decompress at level %d", level)
                    .isEqualTo(OpenJpeg.planar(decoder.decode(codestream, level)));
        }
    }
}
