package org.openahi.jpegls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openahi.testing.SharedCorpus;

/**
 * Damaged frames from the corpus: truncated, cut inside a scan, bits flipped, headers forged. Each is refused with a
 * {@link JpegLsException} naming what is wrong, or (a flipped bit in coded data) decodes to some image; nothing else
 * comes out, and nothing hangs.
 */
class CorruptInputTest {

    private static final List<byte[]> FRAMES = new ArrayList<>();

    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @BeforeAll
    static void readCorpus() throws Exception {
        for (String file : CorpusFrames.jpegLsFiles()) {
            byte[] frame = CorpusFrames.frames(SharedCorpus.dicom(file)).get(0);
            if (frame.length < 200_000) {
                FRAMES.add(frame);
            }
        }
        assertThat(FRAMES).hasSizeGreaterThan(10);
    }

    @Test
    void truncatedFramesAreRefused() {
        for (byte[] frame : FRAMES) {
            int end = endOfImage(frame);
            for (int length : new int[] {0, 1, 2, 3, 5, 20, 40, end / 2, end - 3, end - 1}) {
                byte[] cut = Arrays.copyOf(frame, length);
                assertThatThrownBy(() -> decoder.decode(cut)).isInstanceOf(JpegLsException.class);
            }
        }
    }

    @Test
    void aFrameCutShortIsRefusedAsEndingEarly() {
        for (byte[] frame : FRAMES) {
            for (int keep : new int[] {3, 2}) {
                byte[] cut = Arrays.copyOf(frame, endOfImage(frame) * keep / 4);
                if ((cut[cut.length - 1] & 0xFF) == 0xFF) {
                    cut = Arrays.copyOf(cut, cut.length - 1);
                }
                byte[] closed = Arrays.copyOf(cut, cut.length + 2);
                closed[cut.length] = (byte) 0xFF;
                closed[cut.length + 1] = (byte) 0xD9;
                assertThatThrownBy(() -> decoder.decode(closed))
                        .isInstanceOf(JpegLsException.class)
                        .hasMessageMatching("JPEG-LS-0(203|401) at byte \\d+: the coded data .*ends .*"
                                + "|JPEG-LS-0115 at byte \\d+: component \\d+ is in no scan");
            }
        }
    }

    /** The offset of the EOI marker that ends the frame (DICOM pads fragments after it). */
    private static int endOfImage(byte[] frame) {
        for (int i = frame.length - 2; i > 0; i--) {
            if ((frame[i] & 0xFF) == 0xFF && (frame[i + 1] & 0xFF) == 0xD9) {
                return i;
            }
        }
        throw new AssertionError("no EOI");
    }

    @Test
    void flippedBitsGiveAnImageOrATypedError() {
        Random random = new Random(14);
        int refused = 0;
        int decoded = 0;
        for (byte[] frame : FRAMES) {
            for (int i = 0; i < 40; i++) {
                byte[] damaged = frame.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
                }
                try {
                    decoder.decode(damaged);
                    decoded++;
                } catch (JpegLsException e) {
                    assertThat(e.getMessage()).startsWith("JPEG-LS-");
                    refused++;
                }
            }
        }
        assertThat(refused).isPositive();
        assertThat(decoded).isPositive();
    }

    @Test
    void framesOverTheSampleBudgetAreRefusedBeforeDecoding() throws Exception {
        byte[] frame = FRAMES.get(0);
        FrameInfo info = decoder.info(frame);
        long samples = (long) info.width() * info.height() * info.components();
        assertThat(new JpegLsDecoder(samples).decode(frame).nativeBytes())
                .hasSize((int) (samples * info.bytesPerSample()));
        assertThatThrownBy(() -> new JpegLsDecoder(samples - 1).decode(frame))
                .isInstanceOf(JpegLsException.class)
                .hasMessageContaining("larger than this decoder's limit of " + (samples - 1) + " samples")
                .satisfies(e -> assertThat(((JpegLsException) e).code()).isEqualTo(0x0501));
    }

    @Test
    void forgedHugeDimensionsAreRefused() {
        // SOF55 of 65535 x 65535, 4 components, 16 bits; one scan of one line's worth of bytes.
        byte[] frame = {
            (byte) 0xFF,
            (byte) 0xD8,
            (byte) 0xFF,
            (byte) 0xF7,
            0,
            20,
            16,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            4,
            1,
            0x11,
            0,
            2,
            0x11,
            0,
            3,
            0x11,
            0,
            4,
            0x11,
            0,
            (byte) 0xFF,
            (byte) 0xDA,
            0,
            14,
            4,
            1,
            0,
            2,
            0,
            3,
            0,
            4,
            0,
            0,
            2,
            0,
            0,
            0,
            0,
            (byte) 0xFF,
            (byte) 0xD9
        };
        assertThatThrownBy(() -> decoder.decode(frame))
                .isInstanceOf(JpegLsException.class)
                .hasMessageContaining("65535 x 65535 x 4 samples is larger than");
    }

    @Test
    void notJpegLsIsRefusedWithWhatItIs() {
        byte[] baseline = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0};
        assertThatThrownBy(() -> decoder.decode(baseline))
                .hasMessage("JPEG-LS-0112 at byte 2: marker FFC0 starts a " + "JPEG (ISO 10918) frame, not JPEG-LS");
        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0, 0x0C, 'j', 'P'}))
                .hasMessage("JPEG-LS-0110 at byte 0: the frame does not start with an SOI marker (FFD8)");
    }
}
