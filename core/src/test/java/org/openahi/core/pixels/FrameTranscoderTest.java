package org.openahi.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.htj2k.Htj2kDecoder;

/**
 * Frames transcoded one after another on one thread, whose verifying decode reuses the buffer of the frame before:
 * each stored frame decodes to its own samples, and its checksum and range are its own.
 */
class FrameTranscoderTest {

    @Test
    void framesOfOneSizeAndAnotherInTurnEachGetTheirOwnChecksumAndRange() throws Exception {
        FrameTranscoder transcoder = new FrameTranscoder(DecodedFrameSink.NONE);
        int[][] sizes = {{64, 48}, {64, 48}, {40, 30}, {64, 48}};
        for (int i = 0; i < sizes.length; i++) {
            PixelLayout layout =
                    new PixelLayout(sizes[i][1], sizes[i][0], 1, 16, 16, 15, true, false, "MONOCHROME2", 1);
            byte[] frame = new byte[(int) layout.nativeFrameBytes()];
            Random random = new Random(i);
            random.nextBytes(frame);
            StoragePlan.Transcode plan =
                    new StoragePlan.Transcode(Codec.NATIVE.decoder().orElseThrow(), layout, layout, Optional.empty());
            for (LosslessStorageFormat format : LosslessStorageFormat.values()) {
                EncodedFrame encoded = transcoder.transcode(frame, plan, format);
                assertThat(new Htj2kDecoder().decode(encoded.bytes()).nativeBytes())
                        .as("frame %d, %s", i, format)
                        .isEqualTo(frame);
                CRC32 crc = new CRC32();
                crc.update(frame);
                assertThat(encoded.checksum()).as("frame %d, %s", i, format).isEqualTo(crc.getValue());
                assertThat(encoded.frameSizeInBytes()).isEqualTo(frame.length);
                short low = Short.MAX_VALUE;
                short high = Short.MIN_VALUE;
                for (int s = 0; s < frame.length; s += 2) {
                    short value = (short) ((frame[s] & 0xFF) | frame[s + 1] << 8);
                    low = (short) Math.min(low, value);
                    high = (short) Math.max(high, value);
                }
                assertThat(encoded.minPixelValue()).hasValue(low);
                assertThat(encoded.maxPixelValue()).hasValue(high);
            }
        }
    }

    /**
     * An overlay embedded above HighBit of 12-bit samples (dcm4che's ovly_p01.dcm has it in bit 15; PS3.5 allowed it
     * before 2004), here in bit 13 of unsigned and of sign-extended signed values: the stored frame decodes to the
     * containers exactly, not to the pixel values alone, while the range is that of the pixel values.
     */
    @Test
    void bitsAboveHighBitThatAreNotTheSignAreKept() throws Exception {
        for (boolean signed : new boolean[] {false, true}) {
            Frame12 frame = new Frame12(signed, i -> i % 5 == 0 ? 0x2000 : 0, true);
            for (LosslessStorageFormat format : LosslessStorageFormat.values()) {
                EncodedFrame encoded = frame.transcode(format);
                assertThat(new Htj2kDecoder().decode(encoded.bytes()).nativeBytes())
                        .as("signed %s, %s", signed, format)
                        .isEqualTo(frame.bytes);
                assertThat(encoded.minPixelValue()).hasValue(frame.low);
                assertThat(encoded.maxPixelValue()).hasValue(frame.high);
            }
        }
    }

    /**
     * Negative 12-bit values without their sign above HighBit (pydicom-data's mlut_18.dcm; signed JPEG-LS and JPEG
     * samples as decoders give them): zeros above HighBit hold no data, so the pixel values are encoded, as signed
     * 12-bit samples, and decode sign-extended.
     */
    @Test
    void zerosAboveHighBitOfNegativeValuesAreNotKept() throws Exception {
        Frame12 frame = new Frame12(true, i -> 0, false);
        EncodedFrame encoded = frame.transcode(LosslessStorageFormat.HTJ2K);
        Frame12 signExtended = new Frame12(true, i -> 0, true);
        assertThat(new Htj2kDecoder().decode(encoded.bytes()).nativeBytes()).isEqualTo(signExtended.bytes);
        assertThat(encoded.minPixelValue()).hasValue(frame.low);
        assertThat(encoded.maxPixelValue()).hasValue(frame.high);
    }

    /** A 40x32 frame of 12-bit values in 16-bit containers, with {@code extra} bits or-ed above HighBit. */
    private static final class Frame12 {
        final PixelLayout layout;
        final byte[] bytes;
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;

        Frame12(boolean signed, IntUnaryOperator extra, boolean signExtend) {
            layout = new PixelLayout(32, 40, 1, 16, 12, 11, signed, false, "MONOCHROME2", 1);
            bytes = new byte[(int) layout.nativeFrameBytes()];
            for (int i = 0; i < bytes.length / 2; i++) {
                int pattern = (i * 37) & 0x0FFF;
                long pixel = signed && pattern >= 0x800 ? pattern - 0x1000 : pattern;
                low = Math.min(low, pixel);
                high = Math.max(high, pixel);
                int container = (signExtend ? (int) pixel & 0xFFFF : pattern) ^ extra.applyAsInt(i);
                bytes[2 * i] = (byte) container;
                bytes[2 * i + 1] = (byte) (container >>> 8);
            }
        }

        EncodedFrame transcode(LosslessStorageFormat format) throws Exception {
            StoragePlan.Transcode plan =
                    new StoragePlan.Transcode(Codec.NATIVE.decoder().orElseThrow(), layout, layout, Optional.empty());
            return new FrameTranscoder(DecodedFrameSink.NONE).transcode(bytes, plan, format);
        }
    }
}
