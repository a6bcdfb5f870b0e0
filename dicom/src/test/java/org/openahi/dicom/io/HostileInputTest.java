package org.openahi.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.testing.DicomBytes;

/**
 * Forged lengths, truncation, deep nesting, zip bombs and random damage give {@link DicomParseException} (or a
 * lenient read), never another exception, an OutOfMemoryError or a hang; allocation stays small whatever a length
 * claims.
 */
class HostileInputTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path temp;

    private static DicomBytes file() {
        return DicomBytes.part10(TransferSyntax.ExplicitVRLittleEndian.uid(), true, false)
                .text(Tag.PatientID, "LO", "ID");
    }

    /** Reads the bytes as a stream and as a file; returns the bytes allocated by the larger of the two reads. */
    private long rejectedBothWays(byte[] bytes, String messagePart) throws IOException {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(bytes)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining(messagePart);
        long stream = THREADS.getCurrentThreadAllocatedBytes() - before;
        Path path = Files.write(temp.resolve("hostile.dcm"), bytes);
        before = THREADS.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> DicomReader.read(path))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining(messagePart);
        return Math.max(stream, THREADS.getCurrentThreadAllocatedBytes() - before);
    }

    @Test
    void lengthsOfTwoGigabytesAndMoreAllocateNothingLarge() throws Exception {
        DicomReader.read(new ByteArrayInputStream(file().bytes())); // class loading is not what is measured
        org.openahi.dicom.dict.Dictionary.entry(Tag.PatientName);
        for (long evil : new long[] {0x8000_0000L, 0xFFFF_FFF0L, 0xFFFF_FFFEL}) {
            byte[] utValue =
                    file().header(Tag.TextValue, "UT", evil).raw(new byte[100]).bytes();
            assertThat(rejectedBothWays(utValue, "")).as("UT of %d bytes", evil).isLessThan(4 << 20);
            byte[] sequence = file().header(Tag.AnatomicRegionSequence, "SQ", evil)
                    .item(evil)
                    .text(Tag.CodeValue, "SH", "AB")
                    .bytes();
            long before = THREADS.getCurrentThreadAllocatedBytes();
            DicomFile truncated = DicomReader.read(new ByteArrayInputStream(sequence));
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).isLessThan(4 << 20);
            assertThat(truncated.warnings())
                    .as("read as far as it goes, as DCMTK does")
                    .extracting(ReadWarning::message)
                    .anyMatch(m -> m.contains("input ends"));
            byte[] offsetTable = file().header(Tag.PixelData, "OB", DicomBytes.UNDEFINED)
                    .item(evil)
                    .bytes();
            assertThat(rejectedBothWays(offsetTable, "")).isLessThan(4 << 20);
            byte[] implicit = DicomBytes.part10(TransferSyntax.ImplicitVRLittleEndian.uid(), false, false)
                    .header(Tag.PatientName, "PN", evil)
                    .raw(new byte[10])
                    .bytes();
            assertThat(rejectedBothWays(implicit, "")).isLessThan(4 << 20);
        }
    }

    @Test
    void valuesAboveTheLimitAreRefusedBeforeAnyByteIsRead() throws Exception {
        byte[] bytes = file().header(Tag.TextValue, "UT", 100_000_000).bytes();
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(bytes)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("exceeds the limit")
                .hasMessageContaining("(0040,A160)");
        ReadOptions small = ReadOptions.defaults().withMaxValueLength(10);
        byte[] eleven = file().text(Tag.PatientName, "PN", "ABCDEFGHIJK").bytes();
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(eleven), small))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("limit of 10 bytes");
    }

    @Test
    void truncationAtEveryByteIsTypedOrLenient() throws Exception {
        byte[] item = DicomBytes.dataset(true, false)
                .text(Tag.CodeValue, "SH", "T-A0")
                .bytes();
        byte[] whole = file().header(Tag.AnatomicRegionSequence, "SQ", DicomBytes.UNDEFINED)
                .item(DicomBytes.UNDEFINED)
                .raw(item)
                .itemEnd()
                .sequenceEnd()
                .header(Tag.ProcedureCodeSequence, "SQ", 8 + item.length)
                .item(item.length)
                .raw(item)
                .us(Tag.Rows, 2)
                .us(Tag.Columns, 2)
                .us(Tag.BitsAllocated, 8)
                .header(Tag.PixelData, "OB", DicomBytes.UNDEFINED)
                .item(4)
                .u32(0)
                .item(4)
                .u32(0xD8FF)
                .sequenceEnd()
                .bytes();
        int rejected = 0;
        for (int length = 0; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);
            for (boolean asFile : new boolean[] {false, true}) {
                try {
                    DicomFile f = asFile
                            ? DicomReader.read(Files.write(temp.resolve("t.dcm"), prefix))
                            : DicomReader.read(new ByteArrayInputStream(prefix));
                    assertThat(f.warnings().size() + f.dataset().size()).isNotNegative();
                } catch (DicomParseException expected) {
                    assertThat(expected.offset()).isBetween(-1L, (long) length);
                    rejected++;
                }
            }
        }
        assertThat(rejected).isGreaterThan(whole.length);
    }

    @Test
    void deepNestingStopsAtTheDepthLimit() throws Exception {
        DicomBytes bytes = file();
        for (int i = 0; i < 100_000; i++) {
            bytes.header(Tag.AnatomicRegionSequence, "SQ", DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        }
        byte[] deep = bytes.bytes();
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(deep)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("deeper than the limit of 64")
                .satisfies(e -> assertThat(((DicomParseException) e).tagPath()).startsWith("(0008,2218)[0]."));
        ReadOptions unlimited = ReadOptions.defaults().withMaxDepth(Integer.MAX_VALUE);
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(deep), unlimited))
                .as("even without a depth limit the stack overflow is reported as bad input")
                .isInstanceOf(DicomParseException.class);
    }

    @Test
    void manySmallElementsHitTheMemoryLimit() throws Exception {
        DicomBytes bytes = file();
        for (int i = 0; i < 20_000; i++) {
            bytes.text(Tags.of(0x0009, 0x1000 + i % 0xF000), "LO", "xy");
        }
        byte[] many = bytes.bytes();
        assertThatThrownBy(() -> DicomReader.read(
                        new ByteArrayInputStream(many), ReadOptions.defaults().withMaxMemory(100_000)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("limit of 100000 bytes in memory");
    }

    @Test
    void deflateBombIsBoundedByTheMemoryLimit() throws Exception {
        byte[] element = DicomBytes.dataset(true, false)
                .text(Tags.of(0x0009, 0x1001), "LO", "xy")
                .bytes();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(9, true))) {
            for (int i = 0; i < 2_000_000; i++) {
                out.write(element);
            }
        }
        byte[] bomb = DicomBytes.part10(TransferSyntax.DeflatedExplicitVRLittleEndian.uid(), true, false)
                .raw(deflated.toByteArray())
                .bytes();
        assertThat(bomb.length).isLessThan(200_000);
        assertThatThrownBy(() -> DicomReader.read(
                        new ByteArrayInputStream(bomb), ReadOptions.defaults().withMaxMemory(1 << 20)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("in memory");
        byte[] garbage = DicomBytes.part10(TransferSyntax.DeflatedExplicitVRLittleEndian.uid(), true, false)
                .raw(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3})
                .bytes();
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(garbage)))
                .isInstanceOf(DicomParseException.class);
    }

    /** Found by the fuzz test: the end of a deflated stream inside a frame escaped as EOFException. */
    @Test
    void truncatedDeflatedFramesAreTypedErrors() throws Exception {
        byte[] dataset = DicomBytes.dataset(true, false)
                .us(Tag.Rows, 4)
                .us(Tag.Columns, 4)
                .us(Tag.BitsAllocated, 8)
                .element(Tag.PixelData, "OB", new byte[16])
                .bytes();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(9, true))) {
            out.write(dataset);
        }
        byte[] whole = DicomBytes.part10(TransferSyntax.DeflatedExplicitVRLittleEndian.uid(), true, false)
                .raw(deflated.toByteArray())
                .bytes();
        for (int cut = 1; cut < deflated.size(); cut++) {
            byte[] bytes = Arrays.copyOf(whole, whole.length - cut);
            try (DicomStream stream = DicomReader.stream(new ByteArrayInputStream(bytes))) {
                for (Frame f; (f = stream.nextFrame()) != null; ) {
                    try (InputStream in = f.openStream()) {
                        in.readAllBytes();
                    }
                }
                stream.finish();
            } catch (DicomParseException expected) {
                assertThat(expected.getCause()).isNull();
            }
        }
    }

    /** Found by the fuzz test: a corrupt deflate block met inside a frame escaped as ZipException. */
    @Test
    void corruptDeflateBlockInsideAFrameIsATypedError() throws Exception {
        byte[] dataset = DicomBytes.dataset(true, false)
                .us(Tag.Rows, 512)
                .us(Tag.Columns, 512)
                .us(Tag.BitsAllocated, 8)
                .element(Tag.PixelData, "OB", new byte[512 * 512])
                .bytes();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(9, true);
        DeflaterOutputStream out = new DeflaterOutputStream(deflated, deflater, 512, true);
        out.write(dataset, 0, dataset.length / 2);
        out.flush(); // ends on a byte boundary, so the next byte starts a block header
        deflater.end();
        deflated.write(0b110); // BTYPE 11: "invalid block type", past the 64 KiB the header parse reads
        byte[] bytes = DicomBytes.part10(TransferSyntax.DeflatedExplicitVRLittleEndian.uid(), true, false)
                .raw(deflated.toByteArray())
                .bytes();
        try (DicomStream stream = DicomReader.stream(new ByteArrayInputStream(bytes))) {
            Frame frame = stream.nextFrame();
            assertThatThrownBy(() -> frame.openStream().readAllBytes())
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining("corrupt deflated data set: invalid block type");
        }
    }

    @Test
    void anInvalidVrIsReadWithATwoByteLengthAsTheDictionarysVrAndNamedInAWarning() throws Exception {
        // fo-dicom's GH179A.dcm: Pixel Padding Value with two spaces for its VR; DCMTK reads it the same way.
        byte[] badVr = file().raw(new byte[] {0x28, 0, 0x20, 1, ' ', ' ', 2, 0, 0, 0})
                .raw(new byte[] {0x10, 0, 0x20, 0, 'L', 'O', 2, 0, 'a', 'b'})
                .bytes();
        DicomFile read = DicomReader.read(new ByteArrayInputStream(badVr));
        assertThat(read.dataset().get(Tag.PixelPaddingValue).vr()).isEqualTo(VR.US);
        assertThat(read.dataset().getInt(Tag.PixelPaddingValue, -1)).isZero();
        assertThat(read.dataset().getString(Tag.PatientID)).isEqualTo("ab");
        assertThat(read.warnings())
                .extracting(ReadWarning::message)
                .containsExactly("invalid VR bytes 20 20 of (0028,0120) read as US with a 2-byte length");
    }

    @Test
    void structuralGarbageIsNamed() throws Exception {
        // VR bytes that are no letters: an implicit VR data set under an explicit Transfer Syntax (pydicom's
        // SC_rgb_jpeg.dcm), where reading on would only find garbage further on.
        byte[] badVr = file().raw(new byte[] {0x08, 0, 0x08, 0, 0x18, 0, 0, 0}).bytes();
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(badVr)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("invalid VR bytes 18 00")
                .hasMessageContaining("(0008,0008)");
        byte[] itemAtTop = file().item(0).bytes();
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(itemAtTop)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(FFFE,E000) found where");
        byte[] notAnItem = file().header(Tag.AnatomicRegionSequence, "SQ", DicomBytes.UNDEFINED)
                .text(Tag.CodeValue, "SH", "AB")
                .bytes();
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(notAnItem)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("expected an item");
        byte[] undefinedText =
                file().header(Tag.TextValue, "UT", DicomBytes.UNDEFINED).bytes();
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(undefinedText)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("undefined length for a UT");
        assertThatThrownBy(() -> DicomReader.read(
                        new ByteArrayInputStream("JFIF, not DICOM at all".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("not a DICOM file");
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(DicomParseException.class);
    }

    @Test
    void randomDamageToValidFilesGivesOnlyTypedErrors() throws Exception {
        byte[] item = DicomBytes.dataset(true, false)
                .text(Tag.CodeValue, "SH", "T-A0")
                .bytes();
        byte[][] seeds = {
            file().header(Tag.AnatomicRegionSequence, "SQ", DicomBytes.UNDEFINED)
                    .item(DicomBytes.UNDEFINED)
                    .raw(item)
                    .itemEnd()
                    .sequenceEnd()
                    .text(Tag.NumberOfFrames, "IS", "2 ")
                    .us(Tag.Rows, 2)
                    .us(Tag.Columns, 2)
                    .us(Tag.BitsAllocated, 8)
                    .element(Tag.PixelData, "OB", new byte[8])
                    .bytes(),
            DicomBytes.part10(TransferSyntax.JPEGBaseline8Bit.uid(), true, false)
                    .us(Tag.Rows, 2)
                    .header(Tag.PixelData, "OB", DicomBytes.UNDEFINED)
                    .item(4)
                    .u32(0)
                    .item(4)
                    .u32(0xD8FF)
                    .sequenceEnd()
                    .bytes(),
            DicomBytes.part10(TransferSyntax.ImplicitVRLittleEndian.uid(), false, false)
                    .header(Tags.of(0x0011, 0x1010), "UN", DicomBytes.UNDEFINED)
                    .item(DicomBytes.UNDEFINED)
                    .text(Tag.CodeMeaning, "LO", "AB")
                    .itemEnd()
                    .sequenceEnd()
                    .bytes()
        };
        Random random = new Random(20240611);
        int typed = 0;
        for (int round = 0; round < 30_000; round++) {
            byte[] bytes = seeds[round % seeds.length].clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                bytes[132 + random.nextInt(bytes.length - 132)] = (byte) random.nextInt(256);
            }
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                DicomFile f = round % 10 == 0
                        ? DicomReader.read(Files.write(temp.resolve("damaged.dcm"), bytes))
                        : DicomReader.read(in);
                PixelData pixels = f.pixelData();
                for (int i = 0; pixels != null && i < pixels.frameCount(); i++) {
                    pixels.frame(i).readAllBytes();
                }
            } catch (DicomParseException e) {
                assertThat(e.getCause() instanceof RuntimeException)
                        .as("internal failure: %s", e)
                        .isFalse();
                typed++;
            }
        }
        assertThat(typed).isGreaterThan(1000);
    }
}
