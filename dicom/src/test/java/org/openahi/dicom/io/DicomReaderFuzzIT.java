package org.openahi.dicom.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;
import org.openahi.testing.SharedCorpus;

/**
 * Jazzer fuzz target over the reader (whole-stream and frame-by-frame), frame access and JSON output, seeded with the
 * corpus: files up to 32 KiB whole, the first 4 KiB of larger ones. Only {@link DicomParseException} may come out,
 * and never one that wraps an internal runtime failure. {@code verify} fuzzes for {@code openahi.fuzz.duration}
 * (default 90 s, see the module pom); {@code -Dopenahi.fuzz=false} only replays the seeds.
 */
class DicomReaderFuzzIT {

    private static final int WHOLE = 32 * 1024;
    private static final int HEAD = 4 * 1024;
    private static final ReadOptions LIMITS = ReadOptions.defaults()
            .withMaxMemory(32 << 20)
            .withMaxValueLength(16 << 20)
            .withUnknownSequences(true);

    static Stream<byte[]> seeds() {
        return SharedCorpus.manifest().stream().map(entry -> {
            try {
                byte[] bytes = Files.readAllBytes(SharedCorpus.dicom(entry.path()));
                return bytes.length <= WHOLE ? bytes : Arrays.copyOf(bytes, HEAD);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "90s")
    void onlyTypedErrorsComeOut(byte[] input) throws IOException {
        try {
            DicomFile file = DicomReader.read(new ByteArrayInputStream(input), LIMITS);
            DicomJsonWriter.toJson(file.dataset(), BulkDataPolicy.inline());
            PixelData pixels = file.pixelData();
            for (int i = 0; pixels != null && i < Math.min(pixels.frameCount(), 8); i++) {
                pixels.frame(i).readAllBytes();
            }
        } catch (DicomParseException e) {
            internalFailure(e);
        }
        try (DicomStream stream = DicomReader.stream(new ByteArrayInputStream(input), LIMITS)) {
            for (int i = 0; i < 8; i++) {
                Frame frame = stream.nextFrame();
                if (frame == null) {
                    break;
                }
                try (InputStream bytes = frame.openStream()) {
                    bytes.readAllBytes();
                }
            }
            stream.finish();
        } catch (DicomParseException e) {
            internalFailure(e);
        }
    }

    /** A typed error that wraps a runtime exception is a parser bug that only the safety net caught. */
    private static void internalFailure(DicomParseException e) {
        if (e.getCause() instanceof RuntimeException || e.getCause() instanceof Error) {
            throw new AssertionError("internal failure reported as bad input: " + e.getMessage(), e);
        }
    }
}
