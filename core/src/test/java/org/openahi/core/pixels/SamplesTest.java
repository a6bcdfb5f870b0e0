package org.openahi.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kEncoder;
import org.openahi.htj2k.ImageDescription;

/**
 * Pixel data verification reads the decoded image's raw bytes as pixel values, whatever their width and sign: equal
 * bytes where they prove equal values, every value where they do not.
 */
class SamplesTest {

    @ParameterizedTest(name = "BitsAllocated {0}, BitsStored {1}, signed {2}")
    @CsvSource({
        "8, 8, false",
        "8, 8, true",
        "8, 5, false",
        "8, 7, true",
        "16, 16, false",
        "16, 16, true",
        "16, 12, false",
        "16, 12, true",
        "16, 8, false",
        "16, 8, true",
        "16, 9, true"
    })
    void cleanSamplesVerifyAndGiveTheRangeOfTheirValues(int bitsAllocated, int bitsStored, boolean signed)
            throws Exception {
        PixelLayout layout = layout(bitsAllocated, bitsStored, signed);
        byte[] frame = cleanFrame(layout, bitsAllocated * 31L + bitsStored);
        Samples samples = Samples.ofNative(frame, layout);
        samples.verify(roundTrip(samples));
        int[] values = values(frame, layout);
        assertThat(samples.min()).isEqualTo(Arrays.stream(values).min().orElseThrow());
        assertThat(samples.max()).isEqualTo(Arrays.stream(values).max().orElseThrow());
    }

    @ParameterizedTest(name = "BitsStored {0}, signed {1}")
    @CsvSource({"12, true", "12, false", "9, false"})
    void bitsAboveHighBitAreNotPixelDataAndDoNotFailTheVerification(int bitsStored, boolean signed) throws Exception {
        PixelLayout layout = layout(16, bitsStored, signed);
        byte[] frame = cleanFrame(layout, 7);
        // noise above HighBit (an overlay, an old scanner's bits): the decoded image has none of it
        Random noise = new Random(3);
        for (int i = 1; i < frame.length; i += 2) {
            frame[i] ^= (byte) (noise.nextInt(256) & ~((1 << (bitsStored - 8)) - 1));
        }
        Samples samples = Samples.ofNative(frame, layout);
        samples.verify(roundTrip(samples));
        int[] values = values(frame, layout);
        assertThat(samples.min()).isEqualTo(Arrays.stream(values).min().orElseThrow());
        assertThat(samples.max()).isEqualTo(Arrays.stream(values).max().orElseThrow());
    }

    @Test
    void eightBitSamplesAndAPaddedFrameVerify() throws Exception {
        PixelLayout layout = layout(8, 8, false);
        byte[] padded = Arrays.copyOf(frame(layout, 3), (int) layout.nativeFrameBytes() + 1);
        padded[padded.length - 1] = (byte) 0x5A;
        Samples samples = Samples.ofNative(padded, layout);
        samples.verify(roundTrip(samples));
        assertThat(samples.max()).isLessThanOrEqualTo(255);
    }

    @ParameterizedTest(name = "BitsAllocated {0}, BitsStored {1}, signed {2}")
    @CsvSource({"16, 16, false", "16, 16, true", "16, 12, true", "8, 8, false", "8, 8, true"})
    void aSampleThatDiffersIsNamed(int bitsAllocated, int bitsStored, boolean signed) throws Exception {
        PixelLayout layout = layout(bitsAllocated, bitsStored, signed);
        byte[] frame = cleanFrame(layout, 11);
        DecodedImage decoded = roundTrip(Samples.ofNative(frame.clone(), layout));
        int[] before = values(frame, layout);
        frame[bitsAllocated / 8 * 37] ^= 1;
        Samples changed = Samples.ofNative(frame, layout);
        assertThatThrownBy(() -> changed.verify(decoded))
                .isInstanceOf(PixelVerificationException.class)
                .hasMessage("pixel data verification failed at sample 37: decoded " + before[37] + ", original "
                        + values(frame, layout)[37]);
    }

    @Test
    void equalBytesAreNotEqualValuesWhenTheDecodedImageHoldsValuesAboveBitsStored() throws Exception {
        // The decoder writes values to 16-bit containers; had a faulty codec written 0x1ABC where the original says
        // 0xABC with a bit above HighBit, the bytes would be equal and the values not.
        PixelLayout layout = layout(16, 12, false);
        byte[] frame = cleanFrame(layout, 5);
        frame[2 * 100 + 1] |= 0x10;
        ImageDescription sixteenBits = new ImageDescription(32, 32, 1, 16, false);
        DecodedImage decoded = new Htj2kDecoder().decode(new Htj2kEncoder().encode(sixteenBits, frame, 0, 16));
        assertThat(decoded.nativeBytes()).isEqualTo(frame);
        int value = values(frame, layout)[100];
        assertThatThrownBy(() -> Samples.ofNative(frame, layout).verify(decoded))
                .isInstanceOf(PixelVerificationException.class)
                .hasMessage("pixel data verification failed at sample 100: decoded " + (value | 0x1000) + ", original "
                        + value);
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

    /** Random values of BitsStored, each container holding its value as a decoder writes it (sign-extended). */
    private static byte[] cleanFrame(PixelLayout layout, long seed) {
        byte[] frame = frame(layout, seed);
        int width = layout.bitsAllocated() / 8;
        int shift = 32 - layout.bitsStored();
        for (int i = 0; i < frame.length / width; i++) {
            int raw = width == 1 ? frame[i] : (frame[2 * i] & 0xFF) | frame[2 * i + 1] << 8;
            int value = layout.signed() ? raw << shift >> shift : raw << shift >>> shift;
            frame[width * i] = (byte) value;
            if (width == 2) {
                frame[2 * i + 1] = (byte) (value >> 8);
            }
        }
        return frame;
    }

    /** Each sample's pixel value: its low BitsStored bits, sign-extended when signed. */
    private static int[] values(byte[] frame, PixelLayout layout) {
        int width = layout.bitsAllocated() / 8;
        int shift = 32 - layout.bitsStored();
        int[] values = new int[(int) layout.samplesPerFrame()];
        for (int i = 0; i < values.length; i++) {
            int raw = width == 1 ? frame[i] : (frame[2 * i] & 0xFF) | frame[2 * i + 1] << 8;
            values[i] = layout.signed() ? raw << shift >> shift : raw << shift >>> shift;
        }
        return values;
    }

    private static DecodedImage roundTrip(Samples samples) throws Exception {
        ImageDescription description = new ImageDescription(32, 32, 1, samples.bitsStored(), samples.signed());
        byte[] codestream = new Htj2kEncoder().encode(description, samples.container(), 0, samples.bitsPerContainer());
        return new Htj2kDecoder().decode(codestream);
    }
}
