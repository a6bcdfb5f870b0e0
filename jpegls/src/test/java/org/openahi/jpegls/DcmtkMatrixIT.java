package org.openahi.jpegls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * Native corpus files encoded at test time by DCMTK's {@code dcmcjpls} with a matrix of options (lossless in raw and
 * cooked mode, near-lossless with several NEAR values, the three interleave modes for colour, custom thresholds and
 * RESET), each frame decoded by us and by {@code dcmdjpls}: the samples must be the same, and for lossless coding
 * the source's (to the coded precision).
 *
 * <p>DCMTK 3.6.7's codec has limits the matrix steps around, each seen on this machine: dcmcjpls stops on an
 * assertion for signed data in cooked mode, refuses signed data near-lossless, and crashes (malloc) for custom
 * thresholds with sample interleave; dcmdjpls refuses an LSE segment between scans, which its own encoder writes for
 * colour without interleave when the presets are not the defaults (16-bit, or custom thresholds). For those frames
 * CharLS is the oracle, and the test says how many.
 */
class DcmtkMatrixIT {

    private static final List<List<String>> GREY = List.of(
            List.of("+el", "+pr"),
            List.of("+el", "+pc"),
            List.of("+en", "+md", "1"),
            List.of("+en", "+md", "3"),
            List.of("+en", "+md", "10"),
            List.of("+el", "+t1", "4", "+t2", "11", "+t3", "40", "+rs", "24"),
            List.of("+en", "+md", "2", "+t1", "6", "+t2", "14", "+t3", "50", "+rs", "200"));

    private static final List<List<String>> SIGNED = List.of(
            List.of("+el", "+pr"),
            List.of("+el", "+pr", "+t1", "4", "+t2", "11", "+t3", "40", "+rs", "24"),
            List.of("+el", "+pr", "+rs", "300"));

    private static final List<List<String>> COLOUR = List.of(
            List.of("+el", "+il"),
            List.of("+el", "+is"),
            List.of("+el", "+in"),
            List.of("+en", "+md", "2", "+il"),
            List.of("+en", "+md", "4", "+is"),
            List.of("+en", "+md", "1", "+in"),
            List.of("+el", "+il", "+t1", "5", "+t2", "9", "+t3", "30", "+rs", "32"),
            List.of("+el", "+in", "+t1", "5", "+t2", "9", "+t3", "30", "+rs", "32"),
            List.of("+en", "+md", "3", "+il", "+t1", "5", "+t2", "9", "+t3", "30", "+rs", "32"));

    /** A native corpus file and the options it is encoded with. */
    private record Source(String path, List<List<String>> options) {}

    /** 8-bit grey, 8-bit RGB (two frames), 12-bit (ten frames), signed 12 and 14-bit, 16-bit grey and RGB. */
    private static final List<Source> SOURCES = List.of(
            new Source("pydicom-data/vlut_04.dcm", GREY),
            new Source("pydicom-data/SC_rgb_2frame.dcm", COLOUR),
            new Source("pydicom-data/emri_small.dcm", GREY),
            new Source("pydicom-data/mlut_18.dcm", SIGNED),
            new Source("pydicom-data/693_UNCR.dcm", SIGNED),
            new Source("pydicom-data/eCT_Supplemental.dcm", GREY),
            new Source("pydicom-data/SC_rgb_16bit.dcm", COLOUR));

    @TempDir
    Path temp;

    @Test
    void dcmcjplsMatrixDecodesAsDcmdjplsDoes() throws Exception {
        String dcmcjpls = Oracles.require("dcmcjpls");
        String dcmdjpls = Oracles.require("dcmdjpls");
        CharLsTool charls = CharLsTool.build(temp);
        JpegLsDecoder decoder = new JpegLsDecoder();
        List<String> byCharLs = new ArrayList<>();
        int cases = 0;
        int frames = 0;
        int lossless = 0;
        for (Source source : SOURCES) {
            Path file = SharedCorpus.dicom(source.path());
            List<byte[]> original = CorpusFrames.frames(file);
            for (List<String> options : source.options()) {
                Path coded = temp.resolve("coded.dcm");
                List<String> encode = new ArrayList<>(List.of(dcmcjpls));
                encode.addAll(options);
                encode.addAll(List.of(file.toString(), coded.toString()));
                Oracles.runOk(encode);
                List<byte[]> codes = CorpusFrames.frames(coded);
                List<byte[]> expected = dcmdjpls(dcmdjpls, coded);
                if (expected == null) {
                    byCharLs.add(source.path() + " " + options);
                    expected = new ArrayList<>();
                    for (byte[] code : codes) {
                        expected.add(charls.decode(code).samples());
                    }
                }
                assertThat(codes).hasSameSizeAs(expected);
                for (int f = 0; f < codes.size(); f++) {
                    DecodedImage image = decoder.decode(codes.get(f));
                    String what = source.path() + " " + options + " frame " + f + " (" + image.info() + ")";
                    assertThat(image.nativeBytes()).as(what).isEqualTo(expected.get(f));
                    if (options.contains("+el")) {
                        assertThat(image.samples()).as("lossless " + what).isEqualTo(stored(original.get(f), image));
                        lossless++;
                    }
                    frames++;
                }
                cases++;
            }
        }
        System.out.println("dcmcjpls matrix: " + cases + " encodings, " + frames + " frames bit-exact (" + lossless
                + " lossless, equal to the source); CharLS as the oracle where dcmdjpls refuses: " + byCharLs);
        assertThat(cases)
                .isEqualTo(SOURCES.stream().mapToInt(s -> s.options().size()).sum());
    }

    /** What dcmdjpls decodes, frame by frame, or null when it refuses the file. */
    private List<byte[]> dcmdjpls(String tool, Path coded) throws IOException {
        Path decoded = temp.resolve("decoded.dcm");
        return Oracles.run(tool, "+px", coded.toString(), decoded.toString()).exitCode() == 0
                ? CorpusFrames.frames(decoded)
                : null;
    }

    /** The source frame's samples as a lossless coding of {@code image}'s precision holds them: the low P bits. */
    private static int[] stored(byte[] frame, DecodedImage image) {
        int mask = (1 << image.bitDepth()) - 1;
        int[] samples = new int[image.width() * image.height() * image.components()];
        for (int i = 0; i < samples.length; i++) {
            int v = image.bitDepth() > 8 ? (frame[2 * i] & 0xFF) | (frame[2 * i + 1] & 0xFF) << 8 : frame[i] & 0xFF;
            samples[i] = v & mask;
        }
        return samples;
    }
}
