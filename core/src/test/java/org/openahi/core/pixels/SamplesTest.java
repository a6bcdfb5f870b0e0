package org.openahi.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kEncoder;
import org.openahi.htj2k.ImageDescription;

/** Pixel data verification reads the decoded image's raw bytes as pixel values, whatever their width and sign. */
class SamplesTest {

    @Test
    void twelveBitSignedSamplesInSixteenBitsVerifyAndGiveTheirRange() throws Exception {
        PixelLayout layout = layout(16, 12, true);
        byte[] frame = frame(layout, 7);
        // Bits above HighBit are not pixel data: noise there must not fail the verification.
        for (int i = 1; i < frame.length; i += 2) {
            frame[i] |= (byte) 0xA0;
        }
        Samples samples = Samples.ofNative(frame, layout);
        samples.verify(roundTrip(samples));
        assertThat(samples.min()).isGreaterThanOrEqualTo(-2048).isLessThan(0);
        assertThat(samples.max()).isLessThanOrEqualTo(2047).isGreaterThan(0);
    }

    @Test
    void eightBitSamplesAndAPaddedFrameVerify() throws Exception {
        PixelLayout layout = layout(8, 8, false);
        byte[] padded = java.util.Arrays.copyOf(frame(layout, 3), (int) layout.nativeFrameBytes() + 1);
        padded[padded.length - 1] = (byte) 0x5A;
        Samples samples = Samples.ofNative(padded, layout);
        samples.verify(roundTrip(samples));
        assertThat(samples.max()).isLessThanOrEqualTo(255);
    }

    @Test
    void aSampleThatDiffersIsNamed() throws Exception {
        PixelLayout layout = layout(16, 16, false);
        byte[] frame = frame(layout, 11);
        DecodedImage decoded = roundTrip(Samples.ofNative(frame.clone(), layout));
        frame[2 * 37] ^= 1;
        Samples changed = Samples.ofNative(frame, layout);
        assertThatThrownBy(() -> changed.verify(decoded))
                .isInstanceOf(PixelVerificationException.class)
                .hasMessageContaining("at sample 37");
    }

    @Test
    void aDecodedImageOfAnotherSizeIsRefused() throws Exception {
        PixelLayout small = layout(16, 16, false);
        DecodedImage decoded = roundTrip(Samples.ofNative(frame(small, 5), small));
        PixelLayout larger = new PixelLayout(32, 40, 1, 16, 16, 15, false, false, "MONOCHROME2", 1);
        Samples samples = Samples.ofNative(frame(larger, 5), larger);
        assertThatThrownBy(() -> samples.verify(decoded))
                .isInstanceOf(PixelVerificationException.class)
                .hasMessageContaining("1024 samples decoded, 1280 expected");
    }

    private static PixelLayout layout(int bitsAllocated, int bitsStored, boolean signed) {
        return new PixelLayout(32, 32, 1, bitsAllocated, bitsStored, bitsStored - 1, signed, false, "MONOCHROME2", 1);
    }

    private static byte[] frame(PixelLayout layout, long seed) {
        byte[] frame = new byte[(int) layout.nativeFrameBytes()];
        new Random(seed).nextBytes(frame);
        return frame;
    }

    private static DecodedImage roundTrip(Samples samples) throws Exception {
        ImageDescription description = new ImageDescription(32, 32, 1, samples.bitsStored(), samples.signed());
        byte[] codestream = new Htj2kEncoder().encode(description, samples.container(), 0, samples.bitsPerContainer());
        return new Htj2kDecoder().decode(codestream);
    }
}
