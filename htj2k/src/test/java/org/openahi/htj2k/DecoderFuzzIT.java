package org.openahi.htj2k;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzzes the decoder, from the seed codestreams in {@code DecoderFuzzITInputs/decode}: HTJ2K (our .202
 * output, a boxed colour frame, OpenJPH 0.9 streams with tiles, precincts, small code-blocks, LRCP and CPRL, 9/7
 * with an image offset) and JPEG 2000 Part 1 (our .90 output; opj_compress streams with every code-block style,
 * layers, precincts, SOP/EPH, 9/7 with ICT, ROI and tiles, bypass with vertically causal contexts in a JP2 file).
 * Anything but a decoded image or an {@link Htj2kException} is a finding: another exception, an OutOfMemoryError,
 * a hang. Failsafe sets JAZZER_FUZZ so CI fuzzes for {@code maxDuration}; without it the seeds
 * and the findings kept beside them are replayed.
 */
class DecoderFuzzIT {

    /** Small enough that the fuzzer's biggest images cost little memory. */
    private static final Htj2kDecoder DECODER = new Htj2kDecoder(1 << 20);

    @FuzzTest(maxDuration = "60s")
    void decode(FuzzedDataProvider data) {
        int level = data.consumeInt(0, 3);
        boolean checksums = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        try {
            if (checksums) {
                DECODER.checksums(input);
            } else {
                DECODER.info(input);
                DECODER.decode(input, level);
            }
        } catch (Htj2kException expected) {
            // a refused input is the right outcome
        }
    }
}
