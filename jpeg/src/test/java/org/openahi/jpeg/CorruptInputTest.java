package org.openahi.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a {@link JpegException} that names what is wrong and where, never another exception, a hang or
 * partial data: hand-made defects in each marker segment, every truncation of a stream, random byte changes.
 */
class CorruptInputTest {

    private static final int WIDTH = 19;
    private static final int HEIGHT = 11;

    private final JpegDecoder decoder = new JpegDecoder();

    private static byte[] stream(boolean lossless, int restart, boolean interleave) {
        int[] samples = new int[WIDTH * HEIGHT];
        Random random = new Random(7);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i * 3 + random.nextInt(40)) & 0xFF;
        }
        List<TestEncoder.Component> comps = List.of(
                new TestEncoder.Component(2, 2, samples),
                new TestEncoder.Component(1, 1, samples),
                new TestEncoder.Component(1, 1, samples));
        return TestEncoder.encode(
                WIDTH, HEIGHT, comps, new TestEncoder.Options(lossless, 8, 6, 0, 4, interleave, restart));
    }

    @Test
    void everyTruncationIsRefusedOrDecodesTheWholeImage() throws Exception {
        for (byte[] full : List.of(stream(true, 1, true), stream(false, 2, false), stream(false, 0, true))) {
            byte[] whole = decoder.decode(full).nativeBytes();
            for (int length = 0; length < full.length; length++) {
                byte[] part = Arrays.copyOf(full, length);
                try {
                    assertThat(decoder.decode(part).nativeBytes())
                            .as("a stream cut to %d bytes decodes only if whole", length)
                            .isEqualTo(whole);
                } catch (JpegException expected) {
                    assertThat(expected.offset()).isBetween(-1L, (long) length);
                }
            }
        }
    }

    @Test
    void randomByteChangesGiveTypedErrorsOnly() {
        Random random = new Random(42);
        int decoded = 0;
        int refused = 0;
        for (byte[] full : List.of(stream(true, 1, true), stream(false, 2, false), stream(true, 0, false))) {
            for (int trial = 0; trial < 3000; trial++) {
                byte[] bad = full.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
                try {
                    decoder.decode(bad, trial % 2 == 0 ? ColourConversion.NONE : ColourConversion.YBR_TO_RGB);
                    decoded++;
                } catch (JpegException expected) {
                    refused++;
                }
            }
        }
        assertThat(refused).as("refused of %d", decoded + refused).isPositive();
    }

    @Test
    void theStreamMustStartWithSoi() {
        assertRefused(new byte[0], "SOI", 0);
        assertRefused(HexFormat.of().parseHex("FFD9"), "SOI", 0);
        assertRefused(HexFormat.of().parseHex("FFD8"), "ends before a frame header (SOF)", 2);
    }

    @Test
    void frameHeaderDefectsAreNamed() {
        assertRefused(frame("C1", "0A", 8, 8, "01 11 00"), "SOF1 declares sample precision 10", 6);
        assertRefused(frame("C3", "11", 8, 8, "01 11 00"), "SOF3 declares sample precision 17", -1);
        assertRefused(frame("C1", "08", 0, 8, "01 11 00"), "DNL", -1);
        assertRefused(frame("C1", "08", 8, 0, "01 11 00"), "0 samples per line", -1);
        assertRefused(frame("C1", "08", 8, 8, "01 11 00 02 11 00 03 11 00 04 11 00 05 11 00"), "5 components", -1);
        assertRefused(frame("C1", "08", 8, 8, "01 51 00"), "sampling factors 5x1", -1);
        assertRefused(frame("C1", "08", 8, 8, "01 11 04"), "quantisation table 4", -1);
        assertRefused(frame("C1", "08", 8, 8, "01 11 00 01 11 00"), "component 1 twice", -1);
        assertRefused(bytes("FFD8 FFC1 000C 08 0008 0008 01 01 11 00 00"), "SOF1 segment length disagrees", -1);
        assertRefused(frame("C9", "08", 8, 8, "01 11 00"), "SOF9: arithmetic-coded JPEG is not decoded", 2);
        assertRefused(frame("C5", "08", 8, 8, "01 11 00"), "SOF5: hierarchical JPEG", 2);
        assertRefused(frame("CF", "08", 8, 8, "01 11 00"), "SOF15: hierarchical arithmetic-coded", 2);
        assertRefused(bytes("FFD8 FFDE 0002"), "DHP: hierarchical", 2);
    }

    @Test
    void segmentsMustFitTheStream() {
        assertRefused(bytes("FFD8 FFDB 0080 00"), "DQT segment of 128 bytes runs past the end", 2);
        assertRefused(bytes("FFD8 FFDB 0001"), "DQT has length 1", 4);
        assertRefused(bytes("FFD8 FFDB"), "ends inside the length of DQT", 2);
        assertRefused(bytes("FFD8 FFDB 0003 24"), "DQT defines table 4 with element precision 2", 6);
        assertRefused(bytes("FFD8 FFDB 0004 00 01"), "DQT segment is too short", 8);
    }

    @Test
    void huffmanTablesMustBeComplete() {
        // Three codes of length 1 cannot exist; two would use the all-ones code.
        assertRefused(
                bytes("FFD8 FFC4 0016 00 03" + "00".repeat(15) + "00 01 02"), "more codes of up to 1 bits than fit", 6);
        assertRefused(
                bytes("FFD8 FFC4 0015 00 02" + "00".repeat(15) + "00 01"), "gives a code of all 1 bits (length 1)", 6);
        assertRefused(bytes("FFD8 FFC4 0013 20" + "00".repeat(16)), "class 2", 6);
    }

    @Test
    void scansMustFollowAFrameAndNameDefinedTables() throws Exception {
        assertRefused(bytes("FFD8 FFDA 0008 01 01 00 00 3F 00"), "SOS before any frame header", 2);
        byte[] good = stream(false, 0, true);
        byte[] noDht = removeSegments(good, 0xC4);
        assertRefused(noDht, "DC Huffman table 0 for component 1, which no DHT defined", -1);
        byte[] noDqt = removeSegments(good, 0xDB);
        assertRefused(noDqt, "quantisation table 0, which no DQT defined", -1);
        byte[] otherComponent = good.clone();
        int sos = indexOf(good, 0xDA);
        otherComponent[sos + 5] = 9;
        assertRefused(otherComponent, "SOS names component 9", sos + 5);
    }

    @Test
    void restartMarkersMustComeInOrder() throws Exception {
        byte[] good = stream(false, 1, true);
        int rst = indexOf(good, 0xD0);
        byte[] wrong = good.clone();
        wrong[rst + 1] = (byte) 0xD3;
        assertRefused(wrong, "expected RST0 after a restart interval, found RST3", rst);
        byte[] missing = new byte[good.length - 2];
        System.arraycopy(good, 0, missing, 0, rst);
        System.arraycopy(good, rst + 2, missing, rst, good.length - rst - 2);
        assertThatThrownBy(() -> decoder.decode(missing)).isInstanceOf(JpegException.class);
    }

    @Test
    void losslessScanParametersAreChecked() {
        byte[] good = stream(true, 0, true);
        int sos = indexOf(good, 0xDA);
        int ss = sos + 2 + 2 + 1 + 3 * 2;
        byte[] zero = good.clone();
        zero[ss] = 0;
        assertRefused(zero, "lossless scan selects predictor 0", sos);
        byte[] pt = good.clone();
        pt[ss + 2] = 8;
        assertRefused(pt, "point transform 8, not below the precision 8", sos);
    }

    @Test
    void imagesOverTheBudgetAreRefusedBeforeDecoding() throws Exception {
        byte[] good = stream(true, 0, true);
        assertThatThrownBy(() -> new JpegDecoder(WIDTH * HEIGHT * 3 - 1).decode(good))
                .isInstanceOf(JpegException.class)
                .hasMessageContaining("19 x 11 x 3 samples, over this decoder's budget of 626");
        assertThat(new JpegDecoder(WIDTH * HEIGHT * 3).decode(good).nativeBytes())
                .hasSize(WIDTH * HEIGHT * 3);
    }

    @Test
    void extraDataAfterEoiIsIgnoredAndAMissingEoiOnlyMattersForProgressiveFrames() throws Exception {
        byte[] good = stream(false, 0, true);
        byte[] whole = decoder.decode(good).nativeBytes();
        byte[] padded = Arrays.copyOf(good, good.length + 3);
        assertThat(decoder.decode(padded).nativeBytes()).isEqualTo(whole);
        assertThat(decoder.decode(Arrays.copyOf(good, good.length - 2)).nativeBytes())
                .isEqualTo(whole);
    }

    /** A progressive stream (cjpeg, 2x2, restart every block) kept with the fuzz seeds. */
    private static byte[] progressive() throws java.io.IOException {
        try (var in = CorruptInputTest.class.getResourceAsStream(
                "DecoderFuzzITInputs/decode/cjpeg-progressive-2x2-restart.jpg")) {
            return in.readAllBytes();
        }
    }

    @Test
    void progressiveScansMustFollowTheProgression() throws Exception {
        byte[] good = progressive();
        assertThat(decoder.info(good).process()).isEqualTo(JpegProcess.PROGRESSIVE);
        decoder.decode(good);
        // The second scan of cjpeg's script refines nothing yet: give it Ah = 3, Al = 2.
        int first = indexOf(good, 0xDA);
        int second = first + 2;
        while ((good[second] & 0xFF) != 0xFF || (good[second + 1] & 0xFF) != 0xDA) {
            second++;
        }
        int length = (good[second + 2] & 0xFF) << 8 | (good[second + 3] & 0xFF);
        byte[] bad = good.clone();
        bad[second + 2 + length - 1] = 0x32;
        assertRefused(bad, "does not follow the progression", second);
        byte[] dcWithBand = good.clone();
        int firstLength = (good[first + 2] & 0xFF) << 8 | (good[first + 3] & 0xFF);
        dcWithBand[first + 2 + firstLength - 2] = 5;
        assertRefused(dcWithBand, "a DC scan has Se=0", first);
    }

    @Test
    void aProgressiveStreamWithoutEoiIsRefused() throws Exception {
        byte[] good = progressive();
        int eoi = good.length - 2;
        assertThat(good[eoi] & 0xFF).isEqualTo(0xFF);
        assertRefused(Arrays.copyOf(good, eoi), "the progressive stream ends without EOI", -1);
    }

    private void assertRefused(byte[] stream, String reason, long offset) {
        assertThatThrownBy(() -> decoder.decode(stream))
                .isInstanceOf(JpegException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> {
                    if (offset >= 0) {
                        assertThat(((JpegException) e).offset())
                                .as("offset of: %s", e.getMessage())
                                .isEqualTo(offset);
                    }
                });
    }

    /** SOI, then a frame header with the given marker, precision, size and component specifications. */
    private static byte[] frame(String marker, String precision, int height, int width, String components) {
        int count = components.replace(" ", "").length() / 6;
        String hex = "FFD8 FF" + marker + String.format("%04X", 8 + 3 * count) + precision
                + String.format("%04X%04X%02X", height, width, count) + components + " FFD9";
        return bytes(hex);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** The offset of the first marker 0xFF{@code code}. */
    private static int indexOf(byte[] b, int code) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(code));
    }

    /** The stream without its segments of marker {@code code}. */
    private static byte[] removeSegments(byte[] b, int code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < b.length) {
            if (i + 3 < b.length && (b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == code) {
                i += 2 + ((b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
                continue;
            }
            out.write(b[i++]);
        }
        return out.toByteArray();
    }
}
