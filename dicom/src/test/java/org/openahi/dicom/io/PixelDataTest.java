package org.openahi.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.testing.DicomBytes;

/** Frames from native and encapsulated Pixel Data, by random access from a file and frame by frame from a stream. */
class PixelDataTest {

    @TempDir
    Path temp;

    private static DicomBytes image(
            TransferSyntax ts, boolean bigEndian, int rows, int columns, int bitsAllocated, int frames) {
        return DicomBytes.part10(ts.uid(), true, bigEndian)
                .text(
                        Tag.NumberOfFrames,
                        "IS",
                        frames + (Integer.toString(frames).length() % 2 == 1 ? " " : ""))
                .us(Tag.Rows, rows)
                .us(Tag.Columns, columns)
                .us(Tag.BitsAllocated, bitsAllocated);
    }

    /** The frames read from a file and, separately, streamed; both must agree. */
    private List<byte[]> frames(byte[] file) throws Exception {
        Path path = Files.write(temp.resolve("image.dcm"), file);
        PixelData pixels = DicomReader.read(path).pixelData();
        List<byte[]> random = new ArrayList<>();
        for (int i = 0; i < pixels.frameCount(); i++) {
            Frame frame = pixels.frame(i);
            byte[] bytes = frame.readAllBytes();
            assertThat(bytes).hasSize((int) frame.length());
            random.add(bytes);
        }
        List<byte[]> streamed = new ArrayList<>();
        try (DicomStream stream = DicomReader.stream(new ByteArrayInputStream(file))) {
            for (Frame f; (f = stream.nextFrame()) != null; ) {
                try (InputStream in = f.openStream()) {
                    streamed.add(in.readAllBytes());
                }
            }
            assertThat(stream.finish().contains(Tag.Rows)).isTrue();
        }
        assertThat(streamed).as("streamed frames").containsExactlyElementsOf(random);
        return random;
    }

    @Test
    void nativeFramesAreSlicesOfTheValue() throws Exception {
        byte[] value = new byte[24];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        byte[] file = image(TransferSyntax.ExplicitVRLittleEndian, false, 2, 2, 16, 3)
                .element(Tag.PixelData, "OW", value)
                .bytes();
        List<byte[]> frames = frames(file);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(1)).containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
    }

    /**
     * Frames larger than the reader's 64 KiB buffer are read from the input straight into their arrays: whole, in
     * order, from a stream that gives a few bytes at a time as from one that gives all, a frame left unread skipped,
     * and the elements after the pixel data still read.
     */
    @Test
    void framesLargerThanTheReadBufferArriveWholeWithTheElementsAfterThem() throws Exception {
        int frameBytes = 300 * 401 * 2;
        byte[] value = new byte[3 * frameBytes];
        new java.util.Random(9).nextBytes(value);
        byte[] file = image(TransferSyntax.ExplicitVRLittleEndian, false, 300, 401, 16, 3)
                .element(Tag.PixelData, "OW", value)
                .element(Tag.DataSetTrailingPadding, "OB", new byte[] {1, 2, 3, 4})
                .bytes();
        assertThat(frames(file)).hasSize(3);
        for (int chunk : new int[] {file.length, 70_001, 4093}) {
            try (DicomStream stream = DicomReader.stream(new TricklingStream(file, chunk))) {
                for (int i = 0; i < 3; i++) {
                    Frame frame = stream.nextFrame();
                    if (i == 1) {
                        continue; // skipped when the next frame is asked for
                    }
                    assertThat(frame.readAllBytes())
                            .as("frame %d in reads of %d bytes", i, chunk)
                            .isEqualTo(java.util.Arrays.copyOfRange(value, i * frameBytes, (i + 1) * frameBytes));
                }
                assertThat(stream.nextFrame()).isNull();
                assertThat(stream.finish().get(Tag.DataSetTrailingPadding).bytes())
                        .containsExactly(1, 2, 3, 4);
            }
        }
    }

    /** An input stream that gives at most {@code chunk} bytes a read, as a socket or a slow disk may. */
    private static final class TricklingStream extends ByteArrayInputStream {
        private final int chunk;

        TricklingStream(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }

    @Test
    void oneBitFramesNotOnByteBoundariesAreRealigned() throws Exception {
        int frameBits = 9;
        int frameCount = 3;
        boolean[] bits = new boolean[frameBits * frameCount];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (i * 7 + i / 5) % 3 == 0;
        }
        byte[] value = new byte[(bits.length + 7) / 8 + 1];
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                value[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        byte[] file = image(TransferSyntax.ExplicitVRLittleEndian, false, 3, 3, 1, frameCount)
                .element(Tag.PixelData, "OB", value)
                .bytes();
        List<byte[]> frames = frames(file);
        for (int f = 0; f < frameCount; f++) {
            byte[] frame = frames.get(f);
            assertThat(frame).hasSize(2);
            for (int p = 0; p < frameBits; p++) {
                boolean bit = (frame[p / 8] >> (p % 8) & 1) == 1;
                assertThat(bit).as("frame %d pixel %d", f, p).isEqualTo(bits[f * frameBits + p]);
            }
            assertThat(frame[1] & 0xFE).as("bits after the frame are zero").isZero();
        }
    }

    @Test
    void bigEndianWordsAreSwappedEvenWhenFramesSplitAWord() throws Exception {
        byte[] value = {'b', 'a', 'd', 'c', 'f', 'e'};
        byte[] file = image(TransferSyntax.ExplicitVRBigEndian, true, 1, 3, 8, 2)
                .element(Tag.PixelData, "OW", value)
                .bytes();
        List<byte[]> frames = frames(file);
        assertThat(new String(frames.get(0), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(new String(frames.get(1), StandardCharsets.US_ASCII)).isEqualTo("def");
    }

    @Test
    void subsampledYbrFramesHoldTwoSamplesPerPixel() throws Exception {
        byte[] file = image(TransferSyntax.ExplicitVRLittleEndian, false, 2, 2, 8, 2)
                .us(Tag.SamplesPerPixel, 3)
                .text(Tag.PhotometricInterpretation, "CS", "YBR_FULL_422")
                .element(Tag.PixelData, "OB", new byte[16])
                .bytes();
        assertThat(frames(file)).hasSize(2).allSatisfy(f -> assertThat(f).hasSize(8));
    }

    private static DicomBytes encapsulated(DicomBytes header, long[] offsets, byte[]... fragments) {
        header.header(Tag.PixelData, "OB", DicomBytes.UNDEFINED).item(4L * offsets.length);
        for (long o : offsets) {
            header.u32(o);
        }
        for (byte[] f : fragments) {
            header.item(f.length).raw(f);
        }
        return header.sequenceEnd();
    }

    @Test
    void basicOffsetTableGroupsSeveralFragmentsPerFrame() throws Exception {
        byte[] file = encapsulated(
                        image(TransferSyntax.JPEGBaseline8Bit, false, 8, 8, 8, 3),
                        new long[] {0, 20, 40},
                        bytes("A1"),
                        bytes("A2"),
                        bytes("B1"),
                        bytes("B2"),
                        bytes("C1"),
                        bytes("C2"))
                .bytes();
        List<byte[]> frames = frames(file);
        assertThat(frames).extracting(String::new).containsExactly("A1A2", "B1B2", "C1C2");
    }

    @Test
    void extendedOffsetTableWins() throws Exception {
        DicomBytes header = image(TransferSyntax.JPEGBaseline8Bit, false, 8, 8, 8, 2)
                .element(Tag.ExtendedOffsetTable, "OV", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0})
                .element(Tag.ExtendedOffsetTableLengths, "OV", new byte[16]);
        byte[] file = encapsulated(header, new long[0], bytes("A1"), bytes("A2"), bytes("A3"), bytes("B1"))
                .bytes();
        assertThat(frames(file)).extracting(String::new).containsExactly("A1A2A3", "B1");
    }

    @Test
    void withoutOffsetTableOneFragmentPerFrameOrStartMarkers() throws Exception {
        byte[] rle = encapsulated(
                        image(TransferSyntax.RLELossless, false, 8, 8, 8, 3),
                        new long[0],
                        bytes("F0"),
                        bytes("F1"),
                        bytes("F2"))
                .bytes();
        assertThat(frames(rle)).extracting(String::new).containsExactly("F0", "F1", "F2");

        byte[] soi = {(byte) 0xFF, (byte) 0xD8};
        byte[] jpeg = encapsulated(
                        image(TransferSyntax.JPEGLSLossless, false, 8, 8, 8, 2),
                        new long[0],
                        soi,
                        bytes("a1"),
                        bytes("a2"),
                        soi,
                        bytes("b1"))
                .bytes();
        List<byte[]> frames = frames(jpeg);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).hasSize(6);
        assertThat(frames.get(1)).hasSize(4);

        byte[] single = encapsulated(
                        image(TransferSyntax.RLELossless, false, 8, 8, 8, 1), new long[0], bytes("p1"), bytes("p2"))
                .bytes();
        assertThat(frames(single)).extracting(String::new).containsExactly("p1p2");
    }

    @Test
    void fragmentsThatCannotBeMappedToFramesAreAnError() throws Exception {
        byte[] file = encapsulated(
                        image(TransferSyntax.RLELossless, false, 8, 8, 8, 3),
                        new long[0],
                        bytes("F0"),
                        bytes("F1"),
                        bytes("F2"),
                        bytes("F3"))
                .bytes();
        DicomFile read = DicomReader.read(Files.write(temp.resolve("bad.dcm"), file));
        assertThatThrownBy(read::pixelData)
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("4 fragments")
                .hasMessageContaining("3 frames");
    }

    @Test
    void nativeValueShorterThanItsFramesIsAnError() throws Exception {
        byte[] file = image(TransferSyntax.ExplicitVRLittleEndian, false, 2, 2, 16, 3)
                .element(Tag.PixelData, "OW", new byte[16])
                .bytes();
        DicomFile read = DicomReader.read(Files.write(temp.resolve("short.dcm"), file));
        assertThatThrownBy(read::pixelData)
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("shorter than 3 frames");
        try (DicomStream stream = DicomReader.stream(new ByteArrayInputStream(file))) {
            assertThatThrownBy(stream::nextFrame).isInstanceOf(DicomParseException.class);
        }
    }

    /** pydicom's MR_small_padded.dcm: zeros after the frames are padding, as is one byte to an even length. */
    @Test
    void paddingAfterTheFramesIsNotPixelData() throws Exception {
        byte[] value = new byte[24 + 16];
        for (int i = 0; i < 24; i++) {
            value[i] = (byte) (i + 1);
        }
        List<byte[]> frames = frames(image(TransferSyntax.ExplicitVRLittleEndian, false, 2, 2, 16, 3)
                .element(Tag.PixelData, "OW", value)
                .bytes());
        assertThat(frames).hasSize(3);
        assertThat(frames.get(2)).containsExactly(17, 18, 19, 20, 21, 22, 23, 24);

        byte[] odd = {1, 2, 3, (byte) 0xFF};
        assertThat(frames(image(TransferSyntax.ExplicitVRLittleEndian, false, 1, 3, 8, 1)
                        .element(Tag.PixelData, "OB", odd)
                        .bytes()))
                .singleElement()
                .satisfies(frame -> assertThat(frame).containsExactly(1, 2, 3));
    }

    /**
     * Bytes after the frames that are not zeros (here a fourth frame where Number of Frames says 3) would be dropped
     * with the frames read: the file is refused, whether read whole or streamed.
     */
    @Test
    void dataAfterTheFramesIsAnError() throws Exception {
        byte[] value = new byte[32];
        value[28] = 7;
        byte[] file = image(TransferSyntax.ExplicitVRLittleEndian, false, 2, 2, 16, 3)
                .element(Tag.PixelData, "OW", value)
                .bytes();
        DicomFile read = DicomReader.read(Files.write(temp.resolve("longer.dcm"), file));
        assertThatThrownBy(read::pixelData)
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("pixel data of 32 bytes holds 8 bytes more than its 3 frame(s) of 64 bits")
                .hasMessageContaining("not zero padding");
        try (DicomStream stream = DicomReader.stream(new ByteArrayInputStream(file))) {
            for (int i = 0; i < 3; i++) {
                assertThat(stream.nextFrame()).isNotNull();
            }
            assertThatThrownBy(stream::nextFrame)
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining("not zero padding");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
