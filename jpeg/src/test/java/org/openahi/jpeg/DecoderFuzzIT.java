package org.openahi.jpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.testing.SharedCorpus;

/**
 * Jazzer fuzzes the decoder from the first frame of every JPEG file of the corpus up to 64 KiB, streams of the test
 * encoder (lossless with sampling and restarts, 12-bit DCT, one scan per component) and the small progressive and
 * restart streams kept in {@code DecoderFuzzITInputs/decode} (made with cjpeg, jpegtran and dcmcjpeg from corpus
 * images, as the corpus has no progressive file). Anything but a decoded image or a {@link JpegException} is a
 * finding: another exception, an OutOfMemoryError, a hang. {@code verify} fuzzes for {@code openahi.fuzz.duration}
 * (see the module pom); {@code -Dopenahi.fuzz=false} only replays the seeds and the findings kept beside them.
 */
class DecoderFuzzIT {

    private static final Set<String> JPEG = Set.of(
            "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");
    private static final int MAX_SEED = 64 * 1024;

    /** Small enough that the fuzzer's biggest images cost little memory and time. */
    private static final JpegDecoder DECODER = new JpegDecoder(1 << 20);

    static Stream<byte[]> decode() {
        List<byte[]> seeds = new ArrayList<>();
        for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
            if (!JPEG.contains(entry.transferSyntaxUid())) {
                continue;
            }
            try {
                DicomFrames frames = DicomFrames.read(SharedCorpus.dicom(entry.path()));
                if (!frames.frames().isEmpty() && frames.frames().get(0).length <= MAX_SEED) {
                    seeds.add(frames.frames().get(0));
                }
            } catch (IOException unreadable) {
                if (!entry.path().endsWith("SC_rgb_jpeg.dcm")) {
                    throw new UncheckedIOException(unreadable);
                }
            }
        }
        int[] samples = new int[24 * 16];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i * 37) % 4096;
        }
        List<TestEncoder.Component> colour = List.of(
                new TestEncoder.Component(2, 2, samples),
                new TestEncoder.Component(1, 1, samples),
                new TestEncoder.Component(1, 2, samples));
        seeds.add(TestEncoder.encode(24, 16, colour, new TestEncoder.Options(true, 12, 7, 1, 0, true, 1)));
        seeds.add(TestEncoder.encode(24, 16, colour, new TestEncoder.Options(true, 16, 5, 0, 0, false, 2)));
        seeds.add(TestEncoder.encode(24, 16, colour, new TestEncoder.Options(false, 12, 0, 0, 9, false, 1)));
        seeds.add(TestEncoder.encode(24, 16, colour, new TestEncoder.Options(false, 12, 0, 0, 300, true, 2)));
        return seeds.stream();
    }

    @MethodSource
    @FuzzTest(maxDuration = "90s")
    void decode(byte[] input) {
        try {
            DECODER.info(input);
            DECODER.decode(input, input.length % 2 == 0 ? ColourConversion.NONE : ColourConversion.YBR_TO_RGB);
        } catch (JpegException expected) {
            // a refused input is the right outcome
        }
    }
}
