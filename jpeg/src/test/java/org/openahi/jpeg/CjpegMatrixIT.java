package org.openahi.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * Streams that DCMTK's encoder does not write, made at test time with libjpeg-turbo's cjpeg and jpegtran from a
 * corpus photograph (whole, cropped to an odd size, and its green channel as grey): restart intervals in rows and
 * in blocks, sampling factors up to 4x2 (including a different factor per component), progressive scripts with
 * successive approximation and restarts, RGB without colour transform. Every stream is decoded three ways and
 * compared exactly: with dcmdjpeg (wrapped in a DICOM file) raw and converted to RGB, and with djpeg, except where
 * libjpeg-turbo's upsampling of a vertical-only 2x ratio differs from IJG 6b's (which DCMTK and this decoder follow).
 */
class CjpegMatrixIT {

    /** A custom progressive script: interleaved DC with successive approximation, bands refined in turn. */
    private static final String SCANS = """
      0,1,2: 0-0, 0, 1;
      0: 1-5, 0, 2;
      0: 6-63, 0, 2;
      2: 1-63, 0, 1;
      1: 1-63, 0, 1;
      0,1,2: 0-0, 1, 0;
      0: 1-63, 2, 1;
      0: 1-63, 1, 0;
      1: 1-63, 1, 0;
      2: 1-63, 1, 0;
      """;

    private static final List<String> REPORT = new ArrayList<>();

    @TempDir
    static Path tmp;

    private static Path rgb;
    private static Path rgbOdd;
    private static Path grey;

    record Case(String input, List<String> cjpeg, List<String> jpegtran) {
        @Override
        public String toString() {
            return input + " cjpeg " + String.join(" ", cjpeg)
                    + (jpegtran.isEmpty() ? "" : " | jpegtran " + String.join(" ", jpegtran));
        }
    }

    @BeforeAll
    static void images() throws IOException {
        DicomFrames photo = DicomFrames.read(SharedCorpus.dicom("pydicom/test_files/examples_rgb_color.dcm"));
        assertThat(photo.planar()).isZero();
        Pnm image = new Pnm(320, 240, 3, photo.frames().get(0));
        rgb = tmp.resolve("rgb.ppm");
        image.write(rgb);
        rgbOdd = tmp.resolve("odd.ppm");
        image.crop(237, 179).write(rgbOdd);
        grey = tmp.resolve("grey.pgm");
        image.crop(301, 203).green().write(grey);
        Files.writeString(tmp.resolve("scans.txt"), SCANS);
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (List<String> options : List.of(
                List.<String>of(),
                List.of("-sample", "1x1"),
                List.of("-sample", "2x2"),
                List.of("-sample", "1x2"),
                List.of("-sample", "4x1"),
                List.of("-sample", "4x2"),
                List.of("-sample", "2x1,1x2,1x1"),
                List.of("-restart", "1"),
                List.of("-restart", "3B"),
                List.of("-sample", "2x2", "-restart", "1"),
                List.of("-progressive"),
                List.of("-progressive", "-restart", "2"),
                List.of("-progressive", "-sample", "2x2"),
                List.of("-progressive", "-sample", "1x1", "-restart", "5B"),
                List.of("-rgb"),
                List.of("-rgb", "-progressive"),
                List.of("-optimize"),
                List.of("-quality", "100"),
                List.of("-quality", "5"),
                List.of("-smooth", "40"),
                List.of("-dct", "float"))) {
            cases.add(new Case("rgb", options, List.of()));
        }
        for (List<String> options : List.of(
                List.<String>of(),
                List.of("-sample", "2x2"),
                List.of("-sample", "4x2"),
                List.of("-restart", "1B"),
                List.of("-progressive", "-sample", "2x2", "-restart", "1B"))) {
            cases.add(new Case("odd", options, List.of()));
        }
        for (List<String> options : List.of(
                List.of("-grayscale"),
                List.of("-grayscale", "-progressive"),
                List.of("-grayscale", "-restart", "2B"))) {
            cases.add(new Case("grey", options, List.of()));
        }
        cases.add(new Case("rgb", List.of(), List.of("-restart", "1B")));
        cases.add(new Case("rgb", List.of("-sample", "2x2"), List.of("-progressive", "-restart", "2")));
        cases.add(new Case("rgb", List.of("-sample", "1x1"), List.of("-scans", "scans.txt")));
        cases.add(new Case("odd", List.of("-sample", "2x1"), List.of("-scans", "scans.txt", "-restart", "1B")));
        return cases.stream();
    }

    private final JpegDecoder decoder = new JpegDecoder();

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesAsDcmtkAndDjpeg(Case c) throws Exception {
        byte[] jpeg = encode(c);
        JpegInfo info = decoder.info(jpeg);
        boolean ycc = info.components() == 3 && !c.cjpeg().contains("-rgb");
        Path dicom = Files.createTempFile(tmp, "cjpeg-", ".dcm");
        String syntax = switch (info.process()) {
            case BASELINE -> "1.2.840.10008.1.2.4.50";
            case EXTENDED -> "1.2.840.10008.1.2.4.51";
            default -> "1.2.840.10008.1.2.4.55";
        };
        String photometric = info.components() == 1 ? "MONOCHROME2" : ycc ? "YBR_FULL" : "RGB";
        DicomWrap.write(dicom, syntax, List.of(jpeg), info, photometric);
        Dcmdjpeg.Comparison dcmtk = Dcmdjpeg.compare(decoder, dicom, true, tmp);

        Path jpg = Files.createTempFile(tmp, "cjpeg-", ".jpg");
        Files.write(jpg, jpeg);
        Pnm djpeg = Pnm.parse(Oracles.runOk(Oracles.require("djpeg"), "-pnm", jpg.toString()));
        DecodedImage ours = decoder.decode(jpeg, ycc ? ColourConversion.YBR_TO_RGB : ColourConversion.NONE);
        SampleDifference d = SampleDifference.of(ours.nativeBytes(), djpeg.samples(), 1);
        boolean turboUpsamplesDifferently = verticalOnly(info);
        if (!turboUpsamplesDifferently) {
            assertThat(d.count()).as("against djpeg: %s", d).isZero();
        }
        synchronized (REPORT) {
            REPORT.add(String.format(
                    "%-78s %-11s %-11s restart=%-3d dcmdjpeg: %s; djpeg: %s%s",
                    c,
                    info.process(),
                    info.sampling(),
                    info.restartInterval(),
                    dcmtk.total(),
                    d,
                    turboUpsamplesDifferently ? " (libjpeg-turbo's own 1x2 upsampling)" : ""));
        }
    }

    /** Arithmetic coding (SOF9, SOF10) is refused with a typed error naming the marker. */
    @Test
    void arithmeticCodingIsRefused() throws Exception {
        for (String[] variant : new String[][] {{"-arithmetic"}, {"-arithmetic", "-progressive"}}) {
            List<String> options = new ArrayList<>(List.of(variant));
            byte[] jpeg = encode(new Case("rgb", options, List.of()));
            String marker = options.contains("-progressive") ? "SOF10" : "SOF9";
            assertThatThrownBy(() -> decoder.decode(jpeg))
                    .isInstanceOf(JpegException.class)
                    .hasMessageContaining(marker)
                    .hasMessageContaining("arithmetic");
        }
    }

    /** Whether a component is upsampled 2x vertically only, where libjpeg-turbo 2 interpolates and IJG 6b copies. */
    private static boolean verticalOnly(JpegInfo info) {
        String[] factors = info.sampling().split(",");
        int maxH = 1;
        int maxV = 1;
        for (String f : factors) {
            maxH = Math.max(maxH, f.charAt(0) - '0');
            maxV = Math.max(maxV, f.charAt(2) - '0');
        }
        for (String f : factors) {
            if (f.charAt(0) - '0' == maxH && 2 * (f.charAt(2) - '0') == maxV) {
                return true;
            }
        }
        return false;
    }

    private static byte[] encode(Case c) throws IOException {
        Path input = switch (c.input()) {
            case "rgb" -> rgb;
            case "odd" -> rgbOdd;
            default -> grey;
        };
        List<String> command = new ArrayList<>(List.of(Oracles.require("cjpeg")));
        command.addAll(c.cjpeg());
        command.add(input.toString());
        byte[] jpeg = Oracles.runOk(command);
        if (c.jpegtran().isEmpty()) {
            return jpeg;
        }
        Path first = Files.createTempFile(tmp, "cjpeg-", ".jpg");
        Files.write(first, jpeg);
        List<String> transform = new ArrayList<>(List.of(Oracles.require("jpegtran")));
        for (String option : c.jpegtran()) {
            transform.add(option.equals("scans.txt") ? tmp.resolve(option).toString() : option);
        }
        transform.add(first.toString());
        return Oracles.runOk(transform);
    }

    @AfterAll
    static void report() {
        REPORT.forEach(System.out::println);
        System.out.println("cjpeg matrix: " + REPORT.size() + " streams");
    }
}
