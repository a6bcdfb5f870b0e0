package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.testing.SharedCorpus;

/**
 * Every JPEG 2000 file of the shared DICOM corpus (transfer syntaxes .90 to .93 in MANIFEST.tsv), every frame,
 * decodes to exactly what OpenJPEG's {@code opj_decompress} gives for the same codestream, at full size and at every
 * reduced resolution. Where OpenJPEG refuses a frame (two files the manifest marks broken), ours is refused too,
 * with an {@link Htj2kException}.
 */
class Jpeg2000CorpusIT {

    private static final List<String> SYNTAXES = List.of(
            "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93");

    @TempDir
    Path dir;

    private final Htj2kDecoder decoder = new Htj2kDecoder();
    private static int refused;

    static Stream<Arguments> files() {
        List<Arguments> files = new ArrayList<>();
        for (SharedCorpus.Entry e : SharedCorpus.manifest()) {
            if (SYNTAXES.contains(e.transferSyntaxUid())) {
                files.add(Arguments.of(e.path(), Integer.parseInt(e.frames())));
            }
        }
        assertThat(files).as("JPEG 2000 files in the corpus").hasSizeGreaterThanOrEqualTo(32);
        return files.stream();
    }

    @AfterAll
    static void onlyTheBrokenFilesAreRefused() {
        assertThat(refused).as("frames OpenJPEG refuses").isLessThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void decodesEveryFrameLikeOpenJpeg(String file, int frames) throws Exception {
        List<byte[]> codestreams = DicomFiles.encapsulatedFrames(SharedCorpus.dicom(file), frames);
        assertThat(codestreams).as("frames").hasSize(frames);
        for (int f = 0; f < frames; f++) {
            byte[] codestream = codestreams.get(f);
            boolean jp2 = codestream.length > 4 && codestream[3] == 12;
            Path input = dir.resolve("frame" + f + (jp2 ? ".jp2" : ".j2k"));
            Files.write(input, codestream);
            if (OpenJpeg.tryDecode(dir, input, 0) == null) {
                assertThatThrownBy(() -> decoder.decode(codestream))
                        .as("frame %d, refused by OpenJPEG", f)
                        .isInstanceOf(Htj2kException.class);
                refused++;
                continue;
            }
            CodestreamInfo info = decoder.info(codestream);
            for (int level = 0; level <= info.decompositionLevels(); level++) {
                DecodedImage ours = decoder.decode(codestream, level);
                int[] expected = OpenJpeg.values(OpenJpeg.decode(dir, input, level), info.bitDepth(), info.signed());
                assertThat(OpenJpeg.planar(ours))
                        .as("frame %d level %d", f, level)
                        .isEqualTo(expected);
            }
        }
    }
}
