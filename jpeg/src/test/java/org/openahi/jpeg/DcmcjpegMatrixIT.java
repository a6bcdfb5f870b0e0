package org.openahi.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * A matrix made at test time with DCMTK's encoder dcmcjpeg from native corpus files: lossless with every predictor
 * and several point transforms, baseline, extended 12-bit, spectral selection and progressive, at 8, 12, 14 and 16
 * bits (signed and unsigned), monochrome and RGB, with DCMTK's sampling variants, quality and Huffman options; every frame is compared with dcmdjpeg's decoding
 * ({@link Dcmdjpeg}).
 */
class DcmcjpegMatrixIT {

    private static final String MONO8 = "pydicom/charset_files/chrFren.dcm";
    private static final String MR12 = "pydicom/test_files/examples_overlay.dcm";
    private static final String MR12_FRAMES = "pydicom-data/emri_small.dcm";
    private static final String CT14_SIGNED = "pydicom-data/693_UNCR.dcm";
    private static final String CT16 = "pydicom-data/eCT_Supplemental.dcm";
    private static final String RGB8 = "pydicom/test_files/examples_rgb_color.dcm";
    private static final String RGB8_ODD = "pydicom/test_files/SC_rgb_small_odd.dcm";
    private static final String RGB8_PLANAR = "pydicom-data/color-pl.dcm";
    private static final String RGB8_FRAMES = "pydicom-data/SC_rgb_2frame.dcm";
    private static final String RGB16 = "pydicom-data/SC_rgb_16bit.dcm";

    private static final List<String> REPORT = new ArrayList<>();
    private static SampleDifference lossy = new SampleDifference(0, 0, 0);

    @TempDir
    static Path tmp;

    record Case(String source, List<String> options, boolean lossless) {
        @Override
        public String toString() {
            return String.join(" ", options) + " " + source.substring(source.lastIndexOf('/') + 1);
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String source :
                List.of(MONO8, MR12, MR12_FRAMES, CT14_SIGNED, CT16, RGB8, RGB8_ODD, RGB8_PLANAR, RGB8_FRAMES, RGB16)) {
            cases.add(new Case(source, List.of("+e1"), true));
        }
        for (String source : List.of(MR12, CT14_SIGNED, CT16, RGB8, RGB16)) {
            for (int sv = 1; sv <= 7; sv++) {
                cases.add(new Case(source, List.of("+el", "+sv", "" + sv), true));
            }
        }
        for (String[] pt : new String[][] {
            {MR12, "1", "1"},
            {MR12, "4", "3"},
            {MR12, "7", "11"},
            {MR12, "4", "2"},
            {MR12, "5", "2"},
            {CT16, "6", "4"},
            {CT14_SIGNED, "2", "2"},
            {RGB8, "5", "2"},
            {RGB8, "7", "7"},
            {MONO8, "3", "1"}
        }) {
            cases.add(new Case(pt[0], List.of("+el", "+sv", pt[1], "+pt", pt[2]), true));
        }
        for (List<String> colour : List.of(
                List.<String>of(),
                List.of("+s4"),
                List.of("+n2"),
                List.of("+n1"),
                List.of("+np"),
                List.of("+cr"),
                List.of("+q", "100"),
                List.of("+q", "30"),
                List.of("-ho"),
                List.of("+sm", "50"),
                List.of("+cm"))) {
            List<String> options = new ArrayList<>(List.of("+eb"));
            options.addAll(colour);
            cases.add(new Case(RGB8, options, false));
        }
        for (String source : List.of(MONO8, MR12, RGB8_ODD, RGB8_PLANAR, RGB8_FRAMES)) {
            cases.add(new Case(source, List.of("+eb"), false));
        }
        cases.add(new Case(RGB8_ODD, List.of("+eb", "+n1"), false));
        for (String source : List.of(MR12, MR12_FRAMES, CT14_SIGNED, RGB8)) {
            cases.add(new Case(source, List.of("+ee"), false));
        }
        cases.add(new Case(CT16, List.of("+ee", "+bt"), false));
        cases.add(new Case(RGB8, List.of("+ee", "+bt"), false));
        cases.add(new Case(RGB8, List.of("+ee", "+bt", "+n1"), false));
        cases.add(new Case(MR12, List.of("+ee", "+q", "100"), false));
        cases.add(new Case(MR12, List.of("+ee", "-ho"), false));
        for (String process : List.of("+es", "+ep")) {
            for (String source : List.of(MONO8, MR12, MR12_FRAMES, RGB8, RGB8_ODD)) {
                cases.add(new Case(source, List.of(process), false));
            }
            cases.add(new Case(RGB8, List.of(process, "+s4"), false));
            cases.add(new Case(RGB8, List.of(process, "+n1"), false));
            cases.add(new Case(RGB8, List.of(process, "+bt"), false));
            cases.add(new Case(CT16, List.of(process, "+bt"), false));
        }
        return cases.stream();
    }

    private final JpegDecoder decoder = new JpegDecoder();

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesAsDcmtk(Case c) throws Exception {
        Path compressed = Files.createTempFile(tmp, "dcmcjpeg-", ".dcm");
        List<String> command = new ArrayList<>(List.of(Oracles.require("dcmcjpeg")));
        command.addAll(c.options());
        command.addAll(List.of(SharedCorpus.dicom(c.source()).toString(), compressed.toString()));
        Oracles.runOk(command);
        Dcmdjpeg.Comparison result = Dcmdjpeg.compare(decoder, compressed, c.lossless(), tmp);
        JpegInfo info = result.info();
        if (c.options().contains("+el")) {
            int sv = Integer.parseInt(c.options().get(c.options().indexOf("+sv") + 1));
            assertThat(info.predictor()).as("predictor").isEqualTo(sv);
        }
        if (c.options().contains("+pt")) {
            assertThat(info.pointTransform())
                    .as("point transform")
                    .isEqualTo(Integer.parseInt(c.options().get(c.options().indexOf("+pt") + 1)));
        }
        synchronized (REPORT) {
            if (!c.lossless()) {
                lossy = lossy.plus(result.total());
            }
            REPORT.add(String.format(
                    "%-40s %-11s %-12s %2d-bit %-11s frames=%d: %s",
                    c,
                    info.process(),
                    result.source().photometric(),
                    info.precision(),
                    info.sampling(),
                    result.source().frames().size(),
                    result.total()));
        }
        Files.delete(compressed);
    }

    @AfterAll
    static void report() {
        REPORT.forEach(System.out::println);
        System.out.println("dcmcjpeg matrix: " + REPORT.size() + " encodings; lossy ones against dcmdjpeg: " + lossy);
    }
}
