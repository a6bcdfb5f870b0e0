package org.openahi.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openahi.core.datastore.LosslessStorageFormat;

/**
 * A frame stored before it is encoded says in the metadata document what it will say once encoded: the same decoded
 * size, range and checksum as transcoding it at once gives, for every kind of uncompressed frame the lossless encoders
 * take; encoded later, it is the same stored frame.
 */
class PendingFrameTest {
    private final FrameTranscoder transcoder = new FrameTranscoder(DecodedFrameSink.NONE);

    /** A layout and how its containers are filled. */
    private record Kind(String name, PixelLayout layout, int highBitsMode) {}

    private static PixelLayout layout(int samples, int allocated, int stored, boolean signed, boolean planar) {
        return new PixelLayout(
                37,
                41,
                samples,
                allocated,
                stored,
                stored - 1,
                signed,
                planar,
                samples == 3 ? "RGB" : "MONOCHROME2",
                1);
    }

    // High bits: 0 zeros, 1 the sign's extension, 2 an overlay bit above HighBit, 3 random.
    private static final Kind[] KINDS = {
        new Kind("16/16 unsigned", layout(1, 16, 16, false, false), 3),
        new Kind("16/16 signed", layout(1, 16, 16, true, false), 3),
        new Kind("12/16 unsigned", layout(1, 16, 12, false, false), 0),
        new Kind("12/16 signed, extended", layout(1, 16, 12, true, false), 1),
        new Kind("12/16 signed, not extended", layout(1, 16, 12, true, false), 0),
        new Kind("12/16 unsigned, overlay", layout(1, 16, 12, false, false), 2),
        new Kind("12/16 signed, overlay", layout(1, 16, 12, true, false), 2),
        new Kind("8/16 unsigned", layout(1, 16, 8, false, false), 0),
        new Kind("8/16 signed, extended", layout(1, 16, 8, true, false), 1),
        new Kind("8/8 unsigned", layout(1, 8, 8, false, false), 3),
        new Kind("6/8 signed, extended", layout(1, 8, 6, true, false), 1),
        new Kind("RGB 8 interleaved", layout(3, 8, 8, false, false), 3),
        new Kind("RGB 8 planar", layout(3, 8, 8, false, true), 3),
        new Kind("1-bit", layout(1, 1, 1, false, false), 3),
    };

    private static byte[] frame(Kind kind, long seed) {
        PixelLayout layout = kind.layout();
        Random random = new Random(seed);
        byte[] frame = new byte[(int) layout.nativeFrameBytes() + 1]; // with a padding byte, as odd lengths have
        if (layout.bitsAllocated() == 1 || layout.bitsStored() == layout.bitsAllocated()) {
            random.nextBytes(frame);
            frame[frame.length - 1] = 0;
            return frame;
        }
        int bytes = layout.bitsAllocated() / 8;
        int bits = layout.bitsStored();
        for (int i = 0; i < layout.samplesPerFrame(); i++) {
            int value = random.nextInt(1 << bits);
            int high = switch (kind.highBitsMode()) {
                case 1 -> (value >> (bits - 1)) != 0 ? -1 << bits : 0;
                case 2 -> i % 7 == 0 ? 1 << (layout.bitsAllocated() - 2) : 0;
                default -> 0;
            };
            int container = value | high;
            frame[i * bytes] = (byte) container;
            if (bytes == 2) {
                frame[i * bytes + 1] = (byte) (container >> 8);
            }
        }
        return frame;
    }

    @ParameterizedTest
    @EnumSource(LosslessStorageFormat.class)
    void thePendingFrameSaysWhatTheEncodedOneSaysAndEncodesToIt(LosslessStorageFormat format) throws Exception {
        for (Kind kind : KINDS) {
            for (long seed = 0; seed < 3; seed++) {
                byte[] frame = frame(kind, seed);
                StoragePlan.Transcode plan = new StoragePlan.Transcode(
                        Codec.NATIVE.decoder().orElseThrow(), kind.layout(), kind.layout(), Optional.empty());
                EncodedFrame now = transcoder.transcode(frame.clone(), plan, format);
                EncodedFrame pending = transcoder.pending(frame.clone(), plan, format);
                String what = kind.name() + ", seed " + seed + ", " + format;

                assertThat(pending.frameSizeInBytes()).as(what).isEqualTo(now.frameSizeInBytes());
                assertThat(pending.minPixelValue()).as(what).isEqualTo(now.minPixelValue());
                assertThat(pending.maxPixelValue()).as(what).isEqualTo(now.maxPixelValue());
                assertThat(pending.checksum()).as(what).isEqualTo(now.checksum());

                PendingFrame stored = PendingFrame.read(pending.bytes());
                assertThat(stored.nativePixels()).as(what).isEqualTo(Arrays.copyOf(frame, (int)
                        kind.layout().nativeFrameBytes()));
                assertThat(transcoder.encodePending(stored).bytes()).as(what).isEqualTo(now.bytes());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LosslessStorageFormat.class)
    void aChecksumThatIsNotTheEncodedFramesIsRefused(LosslessStorageFormat format) throws Exception {
        Kind kind = KINDS[0];
        byte[] frame = frame(kind, 1);
        StoragePlan.Transcode plan = new StoragePlan.Transcode(
                Codec.NATIVE.decoder().orElseThrow(), kind.layout(), kind.layout(), Optional.empty());
        PendingFrame stored =
                PendingFrame.read(transcoder.pending(frame, plan, format).bytes());
        PendingFrame altered =
                new PendingFrame(stored.layout(), stored.format(), stored.checksum() ^ 1, stored.nativePixels());

        assertThatThrownBy(() -> transcoder.encodePending(altered))
                .isInstanceOf(PixelVerificationException.class)
                .hasMessageContaining("checksum");
    }

    @ParameterizedTest
    @EnumSource(LosslessStorageFormat.class)
    void aBlobThatIsNotAPendingFrameOrIsCutShortIsNotRead(LosslessStorageFormat format) throws Exception {
        Kind kind = KINDS[2];
        StoragePlan.Transcode plan = new StoragePlan.Transcode(
                Codec.NATIVE.decoder().orElseThrow(), kind.layout(), kind.layout(), Optional.empty());
        byte[] blob = transcoder.pending(frame(kind, 2), plan, format).bytes();

        assertThatThrownBy(() -> PendingFrame.read(Arrays.copyOf(blob, blob.length - 1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected");
        assertThatThrownBy(() -> PendingFrame.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a pending frame");
        assertThat(PendingFrame.encodedKey("pending/stow-1/f1")).isEqualTo("frames/encoded/stow-1/f1");
    }
}
