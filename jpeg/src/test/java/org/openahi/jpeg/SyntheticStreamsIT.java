package org.openahi.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams no tool on this machine writes, made by {@link TestEncoder} and decoded by dcmdjpeg as the oracle:
 * lossless at every precision from 2 to 16 bits with every predictor, point transforms and restart intervals;
 * lossless and DCT colour with sampling factors, interleaved or one scan per component, with restarts; 4 components;
 * 12-bit DCT with restarts. Lossless streams must also give back the encoder's samples.
 */
class SyntheticStreamsIT {

    private static final int WIDTH = 37;
    private static final int HEIGHT = 23;
    private static final List<String> REPORT = new ArrayList<>();

    @TempDir
    static Path tmp;

    record Case(String name, String sampling, TestEncoder.Options options, String photometric) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int p = 2; p <= 16; p++) {
            int predictor = 1 + p % 7;
            int pt = p > 4 ? p % 3 : 0;
            int restart = p % 3;
            cases.add(new Case(
                    "lossless " + p + "-bit predictor " + predictor + " Pt " + pt + " restart " + restart,
                    "1x1",
                    new TestEncoder.Options(true, p, predictor, pt, 0, true, restart),
                    "MONOCHROME2"));
        }
        for (String sampling : List.of("1x1,1x1,1x1", "2x1,1x1,1x1", "2x2,1x1,1x1", "1x2,1x1,1x1", "2x2,2x1,1x2")) {
            cases.add(new Case(
                    "lossless 8-bit " + sampling + " interleaved, restart 1 row",
                    sampling,
                    new TestEncoder.Options(true, 8, 4, 0, 0, true, 1),
                    "RGB"));
            cases.add(new Case(
                    "lossless 8-bit " + sampling + " one scan each, restart 2 rows",
                    sampling,
                    new TestEncoder.Options(true, 8, 7, 1, 0, false, 2),
                    "RGB"));
            cases.add(new Case(
                    "DCT 8-bit " + sampling + " interleaved, restart 3",
                    sampling,
                    new TestEncoder.Options(false, 8, 0, 0, 3, true, 3),
                    "YBR_FULL"));
            cases.add(new Case(
                    "DCT 12-bit " + sampling + " one scan each, restart 2",
                    sampling,
                    new TestEncoder.Options(false, 12, 0, 0, 40, false, 2),
                    "YBR_FULL"));
        }
        cases.add(new Case(
                "lossless 12-bit YCbCr 2x1",
                "2x1,1x1,1x1",
                new TestEncoder.Options(true, 12, 1, 0, 0, true, 0),
                "YBR_FULL"));
        cases.add(new Case(
                "lossless 16-bit YCbCr",
                "1x1,1x1,1x1",
                new TestEncoder.Options(true, 16, 6, 0, 0, true, 0),
                "YBR_FULL"));
        cases.add(new Case(
                "DCT 12-bit grey restart 1",
                "1x1",
                new TestEncoder.Options(false, 12, 0, 0, 1, true, 1),
                "MONOCHROME2"));
        cases.add(new Case(
                "DCT 12-bit grey 16-bit quantisation",
                "1x1",
                new TestEncoder.Options(false, 12, 0, 0, 300, true, 0),
                "MONOCHROME2"));
        cases.add(new Case(
                "DCT 12-bit 4x1 one scan each restart 1",
                "4x1,1x1,1x1",
                new TestEncoder.Options(false, 12, 0, 0, 8, false, 1),
                "YBR_FULL"));
        return cases.stream();
    }

    private final JpegDecoder decoder = new JpegDecoder();

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesAsDcmtk(Case c) throws Exception {
        List<TestEncoder.Component> comps = components(c.sampling(), c.options().precision());
        byte[] jpeg = TestEncoder.encode(WIDTH, HEIGHT, comps, c.options());
        JpegInfo info = decoder.info(jpeg);
        assertThat(info.sampling()).isEqualTo(c.sampling());
        assertThat(info.restartInterval())
                .as("restart interval")
                .isEqualTo(
                        c.options().lossless()
                                ? c.options().restart() * mcusPerRow(c, info)
                                : c.options().restart());
        Path dicom = Files.createTempFile(tmp, "synthetic-", ".dcm");
        boolean lossless = c.options().lossless();
        DicomWrap.write(
                dicom,
                lossless
                        ? (c.options().predictor() == 1 ? "1.2.840.10008.1.2.4.70" : "1.2.840.10008.1.2.4.57")
                        : "1.2.840.10008.1.2.4.51",
                List.of(jpeg),
                info,
                c.photometric());
        Dcmdjpeg.Comparison result = Dcmdjpeg.compare(decoder, dicom, true, tmp);
        if (lossless) {
            assertGivesBackTheSamples(jpeg, comps, c.options().pointTransform());
        }
        synchronized (REPORT) {
            REPORT.add(String.format("%-60s %-11s dcmdjpeg: %s", c, info.process(), result.total()));
        }
    }

    /** MCUs per row of the first scan: of the frame when it interleaves, else of its first component. */
    private static int mcusPerRow(Case c, JpegInfo info) {
        String[] factors = c.sampling().split(",");
        int maxH = 1;
        for (String f : factors) {
            maxH = Math.max(maxH, f.charAt(0) - '0');
        }
        int h = factors.length > 1 && c.options().interleave() ? 1 : factors[0].charAt(0) - '0';
        return (info.width() * h + maxH - 1) / maxH;
    }

    /** Four components, which DICOM has no photometric interpretation for: lossless gives back the samples. */
    @Test
    void fourComponentsRoundTrip() throws Exception {
        List<TestEncoder.Component> comps = components("1x1,1x1,1x1,1x1", 12);
        for (boolean interleave : new boolean[] {true, false}) {
            byte[] jpeg = TestEncoder.encode(
                    WIDTH, HEIGHT, comps, new TestEncoder.Options(true, 12, 5, 0, 0, interleave, interleave ? 1 : 2));
            assertGivesBackTheSamples(jpeg, comps, 0);
        }
    }

    /**
     * Sampling ratios that are not integral (Hmax 3 against 2), which IJG refuses: each output sample is the component
     * sample to its left and above.
     */
    @Test
    void nonIntegralSamplingTakesTheNearestSampleLeftAndAbove() throws Exception {
        List<TestEncoder.Component> comps = components("3x1,2x1,1x1", 8);
        byte[] jpeg = TestEncoder.encode(WIDTH, HEIGHT, comps, new TestEncoder.Options(true, 8, 1, 0, 0, true, 0));
        assertGivesBackTheSamples(jpeg, comps, 0);
    }

    /**
     * A restart after an odd number of lines in a non-interleaved scan of a component with Vi = 2 resets the line after
     * the marker (T.81 H.1.2.1). IJG undifferences such a scan two lines at a time and resets the first of the pair
     * instead, so dcmdjpeg's samples differ there: no encoder writes such streams for DICOM, and this decoder follows
     * the standard.
     */
    @Test
    void restartAfterAnOddLineOfAVerticallySampledComponent() throws Exception {
        List<TestEncoder.Component> comps = components("1x2,1x1,1x1", 8);
        byte[] jpeg = TestEncoder.encode(WIDTH, HEIGHT, comps, new TestEncoder.Options(true, 8, 7, 0, 0, false, 3));
        assertGivesBackTheSamples(jpeg, comps, 0);
    }

    /**
     * The decoded image is the encoder's: each component's samples subsampled at the top-left of every area (as the
     * encoder takes them) and replicated back, with the point transform's low bits cleared.
     */
    private void assertGivesBackTheSamples(byte[] jpeg, List<TestEncoder.Component> comps, int pointTransform)
            throws JpegException {
        int[] decoded = decoder.decode(jpeg).samples();
        int n = comps.size();
        int maxH = comps.stream().mapToInt(TestEncoder.Component::h).max().orElseThrow();
        int maxV = comps.stream().mapToInt(TestEncoder.Component::v).max().orElseThrow();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                for (int c = 0; c < n; c++) {
                    TestEncoder.Component comp = comps.get(c);
                    int sx = x * comp.h() / maxH * maxH / comp.h();
                    int sy = y * comp.v() / maxV * maxV / comp.v();
                    int expected = comp.samples()[sy * WIDTH + sx] >> pointTransform << pointTransform;
                    assertThat(decoded[(y * WIDTH + x) * n + c])
                            .as("(%d,%d) component %d", x, y, c)
                            .isEqualTo(expected);
                }
            }
        }
    }

    /** A gradient with noise, different per component, within the precision. */
    private static List<TestEncoder.Component> components(String sampling, int precision) {
        List<TestEncoder.Component> comps = new ArrayList<>();
        Random random = new Random(precision * 31L + sampling.hashCode());
        int max = (1 << precision) - 1;
        String[] factors = sampling.split(",");
        for (int c = 0; c < factors.length; c++) {
            int[] samples = new int[WIDTH * HEIGHT];
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    double ramp = (x * (c + 2) + y * (3 - c % 3)) / (double) (WIDTH * (c + 2) + HEIGHT * 3);
                    int noise = random.nextInt(Math.max(2, max / 8 + 1)) - max / 16;
                    samples[y * WIDTH + x] = Math.clamp((long) (ramp * max) + noise, 0, max);
                }
            }
            comps.add(new TestEncoder.Component(factors[c].charAt(0) - '0', factors[c].charAt(2) - '0', samples));
        }
        return comps;
    }

    @AfterAll
    static void report() {
        REPORT.forEach(System.out::println);
        System.out.println("synthetic streams: " + REPORT.size() + " decoded as dcmdjpeg does");
    }
}
