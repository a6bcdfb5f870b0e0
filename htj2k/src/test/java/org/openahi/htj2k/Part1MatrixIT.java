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
import org.openahi.testing.Oracles;

/**
 * JPEG 2000 Part 1 codestreams made by OpenJPEG's {@code opj_compress} at test time, across what its options reach
 * (bit depths 1-16, signed, 1 and 3 components, layers, the five progressions, precincts, code-block sizes and every
 * code-block style via -M, tiles and tile-parts, offsets, 9/7 via -I, ROI via -ROI, SOP/EPH, PLT, TLM), decode to
 * exactly what {@code opj_decompress} gives, at full size and reduced resolutions; lossless ones to the source. The
 * one exception is ROI with bypass, which OpenJPEG mis-decodes and we decode to the source.
 */
class Part1MatrixIT {

    @TempDir
    Path dir;

    private final Htj2kDecoder decoder = new Htj2kDecoder();

    record Case(String name, int width, int height, int components, int depth, boolean signed, String options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        for (int depth : new int[] {1, 2, 4, 5, 8, 9, 12, 15, 16}) {
            for (boolean signed : new boolean[] {false, true}) {
                // 96 wide: opj_compress 2.5 refuses raw input whose width, height, components and depth have a
                // common set bit (its check is inverted), so odd depths need an even size.
                cases.add(new Case("grey " + depth + (signed ? " signed" : ""), 96, 83, 1, depth, signed, ""));
            }
        }
        cases.add(new Case("rgb 8 rct", 128, 96, 3, 8, false, ""));
        cases.add(new Case("rgb 12 rct", 75, 61, 3, 12, false, ""));
        cases.add(new Case("rgb 16 signed", 64, 40, 3, 16, true, ""));
        cases.add(new Case("rgb 8 no mct", 70, 50, 3, 8, false, "-mct 0"));
        cases.add(new Case("4 components", 64, 48, 4, 8, false, "-mct 0"));
        for (String order : new String[] {"LRCP", "RLCP", "RPCL", "PCRL", "CPRL"}) {
            cases.add(new Case(
                    order + " layers precincts",
                    200,
                    150,
                    3,
                    8,
                    false,
                    "-p " + order + " -r 40,10,1 -c [64,64],[32,32],[16,16] -n 4"));
            cases.add(new Case(
                    order + " tiles offsets",
                    181,
                    143,
                    1,
                    12,
                    false,
                    "-p " + order + " -t 64,48 -T 3,5 -d 7,9 -r 20,5,1 -n 3"));
        }
        for (int mode : new int[] {1, 2, 4, 8, 16, 32, 5, 38, 63}) {
            cases.add(new Case("-M " + mode, 150, 120, 1, 12, false, "-M " + mode + " -r 30,8,1"));
            cases.add(new Case("-M " + mode + " 9/7", 150, 120, 3, 8, false, "-M " + mode + " -I -r 30,8,3"));
        }
        cases.add(new Case("blocks 16x64", 130, 130, 1, 16, false, "-b 16,64"));
        cases.add(new Case("blocks 4x4", 33, 17, 1, 8, false, "-b 4,4 -n 2"));
        cases.add(new Case("no levels", 50, 40, 1, 10, true, "-n 1"));
        cases.add(new Case("many levels", 300, 200, 1, 8, false, "-n 8"));
        cases.add(new Case("tile-parts R", 160, 128, 3, 8, false, "-TP R -t 80,64 -r 10,1"));
        cases.add(new Case("tile-parts L", 160, 128, 1, 12, false, "-TP L -r 10,3,1"));
        cases.add(new Case("tile-parts C", 160, 128, 3, 8, false, "-TP C -p CPRL"));
        cases.add(new Case("SOP EPH PLT TLM", 120, 100, 3, 8, false, "-SOP -EPH -PLT -TLM -r 10,1"));
        cases.add(new Case("POC", 120, 100, 3, 8, false, "-POC T0=0,0,1,3,3,CPRL/T0=0,0,2,6,3,LRCP -r 10,1"));
        cases.add(new Case("9/7 grey 12", 256, 200, 1, 12, false, "-I -r 20"));
        cases.add(new Case("9/7 grey 16 signed", 200, 180, 1, 16, true, "-I -r 5"));
        cases.add(new Case("9/7 grey 8 nearly lossless", 111, 99, 1, 8, false, "-I"));
        cases.add(new Case("9/7 rgb ict layers", 200, 160, 3, 8, false, "-I -r 50,20,5 -p RPCL"));
        cases.add(new Case("9/7 tiles odd", 99, 77, 1, 10, false, "-I -t 40,40 -T 1,1 -d 3,1 -n 3 -r 8"));
        cases.add(new Case("9/7 precincts", 256, 256, 3, 8, false, "-I -c [32,32],[16,16] -b 16,16 -r 15"));
        cases.add(new Case("roi", 128, 128, 1, 8, false, "-ROI c=0,U=8"));
        cases.add(new Case("roi 9/7 colour", 128, 100, 3, 8, false, "-ROI c=1,U=5 -I -r 10"));
        cases.add(new Case("roi layers", 120, 90, 1, 12, false, "-ROI c=0,U=12 -r 20,4,1"));
        cases.add(new Case("roi bypass termall", 120, 90, 1, 12, false, "-ROI c=0,U=4 -M 5 -r 10,1"));
        cases.add(new Case("9/7 bypass reset vsc layers", 160, 120, 3, 12, false, "-I -M 11 -r 40,10,2"));
        cases.add(new Case("subsampled grey", 101, 67, 1, 8, false, "-s 2,2"));
        cases.add(new Case("1x1", 1, 1, 1, 8, false, "-n 1"));
        cases.add(new Case("thin", 3, 70, 1, 8, false, "-n 2"));
        cases.add(new Case("thin 9/7", 70, 3, 1, 8, false, "-n 2 -I"));
        cases.add(new Case("column", 1, 70, 1, 8, false, "-n 1"));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesLikeOpenJpeg(Case c) throws Exception {
        Path raw = dir.resolve("in.rawl");
        int[] samples = TestImages.samples(
                new ImageDescription(c.width, c.height, c.components, c.depth, c.signed), c.name.hashCode());
        Files.write(raw, planarBytes(samples, c.components, c.depth));
        Path j2k = dir.resolve("out.j2k");
        List<String> command = new ArrayList<>(List.of(
                Oracles.require("opj_compress"),
                "-i",
                raw.toString(),
                "-o",
                j2k.toString(),
                "-F",
                c.width + "," + c.height + "," + c.components + "," + c.depth + "," + (c.signed ? "s" : "u")));
        if (!c.options.isEmpty()) {
            command.addAll(List.of(c.options.split(" ")));
        }
        Oracles.runOk(command.toArray(String[]::new));
        byte[] codestream = Files.readAllBytes(j2k);
        CodestreamInfo info = decoder.info(codestream);
        assertThat(info.ht()).isFalse();
        if (c.options.contains("-ROI") && c.options.contains("-M 5")) {
            // OpenJPEG 2.5 starts bypass decoding four bit-planes too late when a region of interest shifted the
            // block (it leaves the shift out of the count), so its decoder gets other samples than its encoder
            // coded; ours follows T.800 D.6 and gives back the source.
            assertThat(OpenJpeg.values(OpenJpeg.decode(dir, j2k, 0), c.depth, c.signed))
                    .as("OpenJPEG's decode")
                    .isNotEqualTo(samples);
            assertThat(decoder.decode(codestream).samples()).as("lossless").isEqualTo(samples);
            return;
        }
        for (int level = 0; level <= info.decompositionLevels(); level++) {
            DecodedImage ours = decoder.decode(codestream, level);
            int[] expected = OpenJpeg.values(OpenJpeg.decode(dir, j2k, level), c.depth, c.signed);
            assertThat(OpenJpeg.planar(ours)).as("level %d", level).isEqualTo(expected);
            assertThat(ParallelDecoder.FOUR_TASKS.decode(codestream, level).nativeBytes())
                    .as("level %d on several threads", level)
                    .isEqualTo(ours.nativeBytes());
            if (level == 0 && losslessByOpenJpeg(c)) {
                assertThat(ours.samples()).as("lossless").isEqualTo(samples);
            }
        }
    }

    /** Whether opj_compress codes the case losslessly: not with 9/7 or sub-sampling. */
    private static boolean losslessByOpenJpeg(Case c) {
        return !c.options.contains("-I") && !c.options.contains("-s");
    }

    /** Samples (components interleaved) as opj_compress reads raw input: planar, little-endian, 1 or 2 bytes. */
    static byte[] planarBytes(int[] samples, int components, int depth) {
        int bytes = depth > 8 ? 2 : 1;
        int n = samples.length / components;
        byte[] out = new byte[samples.length * bytes];
        for (int comp = 0; comp < components; comp++) {
            for (int i = 0; i < n; i++) {
                int v = samples[i * components + comp];
                int o = (comp * n + i) * bytes;
                out[o] = (byte) v;
                if (bytes == 2) {
                    out[o + 1] = (byte) (v >> 8);
                }
            }
        }
        return out;
    }
}
