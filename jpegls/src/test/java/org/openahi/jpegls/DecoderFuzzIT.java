package org.openahi.jpegls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.testing.SharedCorpus;

/**
 * Jazzer fuzzes the decoder, seeded with the first frame of every JPEG-LS file of the corpus up to 64 KiB (lossless
 * and near-lossless, 7 to 16 bits, grey and RGB in the three interleave modes, LSE segments, SPIFF headers). Anything
 * but a decoded image or a {@link JpegLsException} is a finding: another exception, an OutOfMemoryError, a hang.
 * {@code verify} fuzzes for {@code openahi.fuzz.duration} (see the module pom); {@code -Dopenahi.fuzz=false} only
 * replays the seeds.
 */
class DecoderFuzzIT {

    /** Small enough that the biggest frames the fuzzer declares cost little memory. */
    private static final JpegLsDecoder DECODER = new JpegLsDecoder(1 << 20);

    static Stream<byte[]> seeds() {
        return CorpusFrames.jpegLsFiles().stream()
                .map(file -> {
                    try {
                        return CorpusFrames.frames(SharedCorpus.dicom(file)).get(0);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .filter(frame -> frame.length <= 64 * 1024);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void onlyTypedErrorsComeOut(byte[] input) {
        try {
            DECODER.info(input);
            DECODER.decode(input);
        } catch (JpegLsException expected) {
            // a refused input is the right outcome
        }
    }
}
