package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.testing.Oracles;

/**
 * Our codestreams decode bit-exact in three other decoders: OpenJPEG 2.5 ({@code opj_decompress}), OpenJPH 0.9
 * ({@code ojph_expand}) and OpenJPH 0.31 in WASM ({@code verify.js}), whose CRC-32 of every resolution must also be
 * ours. Known oracle bugs are stepped around, not hidden: OpenJPH 0.9's command line cannot write signed samples and
 * the WASM wrapper clamps signed samples of 8 bits or fewer (report.md sections 1.5 and 2.3).
 */
class OracleInteropIT {

    @TempDir
    Path dir;

    /** An image: where its samples come from and what it is. */
    record Case(String name, ImageDescription image, Path raw) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> images() throws Exception {
        Path img = Htj2kOracles.generatedImages();
        List<Case> cases = new ArrayList<>(List.of(
                new Case("gray8_512", new ImageDescription(512, 512, 1, 8, false), img.resolve("gray8_512.le.raw")),
                new Case("gray12_512", new ImageDescription(512, 512, 1, 12, false), img.resolve("gray12_512.le.raw")),
                new Case("gray16_512", new ImageDescription(512, 512, 1, 16, false), img.resolve("gray16_512.le.raw")),
                new Case("ct_s16_512", new ImageDescription(512, 512, 1, 16, true), img.resolve("ct_s16_512.yuv")),
                new Case("ct_s12_512", new ImageDescription(512, 512, 1, 12, true), img.resolve("ct_s12_512.yuv")),
                new Case("rgb8_512", new ImageDescription(512, 512, 3, 8, false), img.resolve("rgb8_512.le.raw")),
                new Case(
                        "ctu12_3000",
                        new ImageDescription(3000, 3000, 1, 12, false),
                        img.resolve("ctu12_3000.le.raw"))));
        Path synthetic = Files.createDirectories(Path.of("target", "htj2k-synthetic"));
        int[][] specs = {
            {1, 1, 1, 16, 0},
            {3, 5, 1, 16, 1},
            {65, 1, 1, 12, 0},
            {1, 65, 1, 8, 0},
            {129, 67, 3, 16, 0},
            {333, 257, 1, 8, 1},
            {200, 100, 1, 1, 0},
            {97, 61, 1, 4, 1},
            {130, 70, 3, 10, 0},
            {64, 64, 1, 13, 1},
            {1000, 40, 3, 8, 0}
        };
        for (int[] s : specs) {
            ImageDescription image = new ImageDescription(s[0], s[1], s[2], s[3], s[4] == 1);
            String name = "synthetic_" + s[0] + "x" + s[1] + "x" + s[2] + "_" + (s[4] == 1 ? "s" : "u") + s[3];
            Path raw = synthetic.resolve(name + ".raw");
            Files.write(raw, TestImages.nativeBytes(image, TestImages.samples(image, name.hashCode())));
            cases.add(new Case(name, image, raw));
        }
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void otherDecodersReadOurCodestreamsBitExact(Case c) throws Exception {
        ImageDescription image = c.image();
        byte[] raw = Files.readAllBytes(c.raw());
        int[] expected = samples(image, raw);
        byte[] codestream = new Htj2kEncoder().encode(image, raw);
        Path j2c = Files.write(dir.resolve(c.name() + ".j2c"), codestream);

        // OpenJPEG 2.5: planar little-endian raw; signed samples narrower than 16 bits are not sign-extended.
        Path opj = dir.resolve(c.name() + ".rawl");
        Oracles.runOk(Oracles.require("opj_decompress"), "-i", j2c.toString(), "-o", opj.toString());
        assertThat(fromPlanar(image, Files.readAllBytes(opj)))
                .as("opj_decompress")
                .isEqualTo(expected);

        // OpenJPH 0.9 command line: PGM/PPM (big-endian above 8 bits), unsigned only.
        if (!image.signed()) {
            Path pnm = dir.resolve(c.name() + (image.components() == 3 ? ".ppm" : ".pgm"));
            Oracles.runOk(Oracles.require("ojph_expand"), "-i", j2c.toString(), "-o", pnm.toString());
            assertThat(fromPnm(image, Files.readAllBytes(pnm)))
                    .as("ojph_expand")
                    .isEqualTo(expected);
        }

        // OpenJPH 0.31 in WASM: the decoded buffer against ours, and the CRC-32 of every resolution. Its wrapper
        // clamps signed samples of 8 bits or fewer to 0..255, so those are only checked for their headers.
        boolean wrapperCanCompare = !image.signed() || image.bitsStored() > 8;
        String verified = wrapperCanCompare
                ? Htj2kOracles.verify(j2c, "--ref", c.raw().toString(), "--all-levels")
                : Htj2kOracles.verify(j2c);
        assertThat(Htj2kOracles.value(verified, "complete")).isEqualTo("true");
        assertThat(Htj2kOracles.value(verified, "tlm")).isEqualTo("true");
        assertThat(Htj2kOracles.value(verified, "progression")).isEqualTo("RPCL");
        if (wrapperCanCompare) {
            assertThat(Htj2kOracles.value(verified, "refMatch")).as(verified).isEqualTo("true");
            assertThat(Htj2kOracles.value(verified, "crc32FromBaseToFullResolution"))
                    .isEqualTo(ours(new Htj2kDecoder().checksums(codestream)));
        }

        // The same frame in a JP2-family box, as AWS HealthImaging may serve it.
        Path jph = Files.write(dir.resolve(c.name() + ".jph"), Htj2kEncoder.wrapJph(codestream, image));
        if (wrapperCanCompare) {
            String boxed = Htj2kOracles.verify(jph, "--ref", c.raw().toString());
            assertThat(Htj2kOracles.value(boxed, "refMatch")).as(boxed).isEqualTo("true");
        }
        Path opjBoxed = dir.resolve(c.name() + ".boxed.rawl");
        Oracles.runOk(Oracles.require("opj_decompress"), "-i", jph.toString(), "-o", opjBoxed.toString());
        assertThat(fromPlanar(image, Files.readAllBytes(opjBoxed)))
                .as("opj_decompress of the JPH file")
                .isEqualTo(expected);
    }

    static String ours(List<ResolutionChecksum> checksums) {
        StringBuilder s = new StringBuilder();
        for (ResolutionChecksum c : checksums) {
            s.append(s.isEmpty() ? "" : " ")
                    .append(c.width())
                    .append('x')
                    .append(c.height())
                    .append(':')
                    .append(String.format("%08x", c.crc32()));
        }
        return s.toString();
    }

    /** Samples of the raw layout: little-endian, interleaved. */
    static int[] samples(ImageDescription image, byte[] raw) {
        int n = image.width() * image.height() * image.components();
        int[] out = new int[n];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            int v = image.bytesPerSample() == 1 ? b.get(i) & 0xFF : b.getShort(2 * i) & 0xFFFF;
            out[i] = extend(image, v);
        }
        return out;
    }

    private static int extend(ImageDescription image, int v) {
        int bits = image.bitsStored();
        return image.signed() ? (v << (32 - bits)) >> (32 - bits) : v & (int) ((1L << bits) - 1);
    }

    private static int[] fromPlanar(ImageDescription image, byte[] raw) {
        int plane = image.width() * image.height();
        int count = image.components();
        int[] out = new int[plane * count];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < plane; i++) {
                int s = c * plane + i;
                int v = image.bytesPerSample() == 1 ? b.get(s) & 0xFF : b.getShort(2 * s) & 0xFFFF;
                out[i * count + c] = extend(image, v);
            }
        }
        return out;
    }

    private static int[] fromPnm(ImageDescription image, byte[] pnm) {
        int fields = 0;
        int p = 0;
        while (fields < 4) { // magic, width, height, maxval, each followed by whitespace
            while (Character.isWhitespace(pnm[p])) {
                p++;
            }
            while (!Character.isWhitespace(pnm[p])) {
                p++;
            }
            fields++;
        }
        p++;
        int n = image.width() * image.height() * image.components();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = image.bytesPerSample() == 1
                    ? pnm[p + i] & 0xFF
                    : (pnm[p + 2 * i] & 0xFF) << 8 | (pnm[p + 2 * i + 1] & 0xFF);
        }
        return out;
    }
}
