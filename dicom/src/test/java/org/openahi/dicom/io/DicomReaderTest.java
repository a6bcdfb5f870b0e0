package org.openahi.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.testing.DicomBytes;

class DicomReaderTest {

    @TempDir
    Path temp;

    private static DicomFile read(byte[] bytes) throws Exception {
        return DicomReader.read(new ByteArrayInputStream(bytes));
    }

    private DicomFile readFile(byte[] bytes) throws Exception {
        Path file = Files.write(temp.resolve("f.dcm"), bytes);
        return DicomReader.read(file);
    }

    @Test
    void explicitLittleEndianFileWithFileMeta() throws Exception {
        byte[] bytes = DicomBytes.part10(TransferSyntax.ExplicitVRLittleEndian.uid(), true, false)
                .text(Tag.SpecificCharacterSet, "CS", "ISO_IR 100")
                .text(Tag.PatientName, "PN", "Buc^J\u00e9r\u00f4me ")
                .us(Tag.Rows, 512)
                .text(Tag.ImagePositionPatient, "DS", "1.5\\-2\\3e2 ")
                .bytes();
        DicomFile file = readFile(bytes);
        assertThat(file.warnings()).isEmpty();
        assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.ExplicitVRLittleEndian);
        assertThat(file.fileMeta().getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo("1.2.3.4");
        Dataset ds = file.dataset();
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("Buc^Jérôme");
        assertThat(ds.getInt(Tag.Rows, -1)).isEqualTo(512);
        assertThat(ds.get(Tag.ImagePositionPatient).doubles()).containsExactly(1.5, -2, 300);
        assertThat(ds.get(Tag.ImagePositionPatient).vm(ds.specificCharacterSet()))
                .isEqualTo(3);
    }

    @Test
    void implicitVrWithoutPreambleOrFileMetaIsDetected() throws Exception {
        byte[] bytes = DicomBytes.dataset(false, false)
                .text(Tag.SOPInstanceUID, "UI", "1.2\0")
                .text(Tags.of(0x0009, 0x0010), "LO", "ACME")
                .text(Tags.of(0x0009, 0x1001), "LO", "secret")
                .us(Tag.PixelRepresentation, 1)
                .element(Tag.SmallestImagePixelValue, "US", new byte[] {(byte) 0xFE, (byte) 0xFF})
                .bytes();
        DicomFile file = read(bytes);
        assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.ImplicitVRLittleEndian);
        assertThat(file.warnings())
                .extracting(ReadWarning::message)
                .anyMatch(m -> m.contains("no Transfer Syntax UID"));
        Dataset ds = file.dataset();
        assertThat(ds.get(Tag.SOPInstanceUID).vr()).isEqualTo(VR.UI);
        assertThat(ds.get(Tags.of(0x0009, 0x0010)).vr()).isEqualTo(VR.LO);
        assertThat(ds.get(Tags.of(0x0009, 0x1001)).vr()).isEqualTo(VR.UN);
        Element smallest = ds.get(Tag.SmallestImagePixelValue);
        assertThat(smallest.vr())
                .as("US or SS resolved by Pixel Representation")
                .isEqualTo(VR.SS);
        assertThat(smallest.longs()).containsExactly(-2);
    }

    @Test
    void bigEndianValuesComeOutLittleEndian() throws Exception {
        byte[] bytes = DicomBytes.part10(TransferSyntax.ExplicitVRBigEndian.uid(), true, true)
                .us(Tag.Rows, 0x0102)
                .element(Tag.ReferencedFrameNumber, "IS", "7 ".getBytes(StandardCharsets.US_ASCII))
                .element(Tag.FrameIncrementPointer, "AT", new byte[] {0x00, 0x18, 0x10, 0x63})
                .element(Tag.RescaleSlope, "DS", "2 ".getBytes(StandardCharsets.US_ASCII))
                .bytes();
        Dataset ds = readFile(bytes).dataset();
        assertThat(ds.getInt(Tag.Rows, -1)).isEqualTo(0x0102);
        assertThat(ds.get(Tag.Rows).bytes()).containsExactly(0x02, 0x01);
        assertThat(ds.get(Tag.FrameIncrementPointer).longs()).containsExactly(Tag.FrameTime);
        assertThat(ds.get(Tag.ReferencedFrameNumber).longs()).containsExactly(7);
    }

    @Test
    void sequencesOfDefinedAndUndefinedLengthAndCp246() throws Exception {
        byte[] inner = DicomBytes.dataset(true, false)
                .text(Tag.CodeValue, "SH", "T-A0")
                .bytes();
        byte[] implicitItem = DicomBytes.dataset(false, false)
                .text(Tag.CodeMeaning, "LO", "Brain ")
                .bytes();
        byte[] bytes = DicomBytes.part10(TransferSyntax.ExplicitVRLittleEndian.uid(), true, false)
                .header(Tag.AnatomicRegionSequence, "SQ", DicomBytes.UNDEFINED)
                .item(DicomBytes.UNDEFINED)
                .raw(inner)
                .itemEnd()
                .item(inner.length)
                .raw(inner)
                .sequenceEnd()
                .header(Tag.ProcedureCodeSequence, "SQ", 8 + inner.length)
                .item(inner.length)
                .raw(inner)
                .header(Tags.of(0x0011, 0x1010), "UN", DicomBytes.UNDEFINED)
                .item(DicomBytes.UNDEFINED)
                .raw(implicitItem)
                .itemEnd()
                .sequenceEnd()
                .us(Tag.Rows, 2)
                .bytes();
        DicomFile file = readFile(bytes);
        Dataset ds = file.dataset();
        assertThat(ds.get(Tag.AnatomicRegionSequence).items())
                .hasSize(2)
                .allSatisfy(item -> assertThat(item.getString(Tag.CodeValue)).isEqualTo("T-A0"));
        assertThat(ds.get(Tag.ProcedureCodeSequence).items().get(0).getString(Tag.CodeValue))
                .isEqualTo("T-A0");
        Element un = ds.get(Tags.of(0x0011, 0x1010));
        assertThat(un.vr()).isEqualTo(VR.SQ);
        assertThat(un.items().get(0).getString(Tag.CodeMeaning)).isEqualTo("Brain");
        assertThat(un.items().get(0).parent()).isSameAs(ds);
        assertThat(ds.getInt(Tag.Rows, -1)).isEqualTo(2);
        assertThat(file.warnings()).extracting(ReadWarning::message).anyMatch(m -> m.contains("CP-246"));
    }

    @Test
    void unValuesOfSequenceAttributesCanBeReadAsTheirSequence() throws Exception {
        byte[] item = DicomBytes.dataset(false, false)
                .text(Tag.ReferencedSOPInstanceUID, "UI", "1.2.3\0")
                .bytes();
        byte[] sequence =
                DicomBytes.dataset(false, false).item(item.length).raw(item).bytes();
        byte[] bytes = DicomBytes.part10(TransferSyntax.ExplicitVRLittleEndian.uid(), true, false)
                .element(Tag.ReferencedRTPlanSequence, "UN", sequence)
                .element(Tag.ReferencedImageSequence, "UN", new byte[] {1, 2, 3, 4})
                .bytes();
        Dataset asRead = read(bytes).dataset();
        assertThat(asRead.get(Tag.ReferencedRTPlanSequence).vr()).isEqualTo(VR.UN);
        DicomFile parsed = DicomReader.read(
                new ByteArrayInputStream(bytes), ReadOptions.defaults().withUnknownSequences(true));
        Element plan = parsed.dataset().get(Tag.ReferencedRTPlanSequence);
        assertThat(plan.vr()).isEqualTo(VR.SQ);
        assertThat(plan.items().get(0).getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(parsed.dataset().get(Tag.ReferencedImageSequence).vr())
                .as("not a sequence: kept")
                .isEqualTo(VR.UN);
        assertThat(parsed.warnings()).extracting(ReadWarning::message).anyMatch(m -> m.contains("kept as UN"));
    }

    @Test
    void deflatedDataSetIsInflated() throws Exception {
        byte[] dataset = DicomBytes.dataset(true, false)
                .text(Tag.PatientID, "LO", "DEFLATED")
                .bytes();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(9, true))) {
            out.write(dataset);
        }
        byte[] bytes = DicomBytes.part10(TransferSyntax.DeflatedExplicitVRLittleEndian.uid(), true, false)
                .raw(deflated.toByteArray())
                .bytes();
        assertThat(readFile(bytes).dataset().getString(Tag.PatientID)).isEqualTo("DEFLATED");
        assertThat(read(bytes).dataset().getString(Tag.PatientID)).isEqualTo("DEFLATED");
    }

    @Test
    void largeBinaryValuesStayInTheFileUntilRead() throws Exception {
        byte[] blob = new byte[10_000];
        blob[9_999] = 42;
        byte[] bytes = DicomBytes.part10(TransferSyntax.ExplicitVRLittleEndian.uid(), true, false)
                .element(Tags.of(0x0029, 0x1010), "OB", blob)
                .element(Tags.of(0x0029, 0x1011), "OB", new byte[] {1, 2})
                .bytes();
        Dataset fromFile = readFile(bytes).dataset();
        assertThat(fromFile.get(Tags.of(0x0029, 0x1010)).inMemory()).isFalse();
        assertThat(fromFile.get(Tags.of(0x0029, 0x1010)).bulkData().readAllBytes())
                .isEqualTo(blob);
        assertThat(fromFile.get(Tags.of(0x0029, 0x1011)).inMemory()).isTrue();
        Dataset fromStream = read(bytes).dataset();
        assertThat(fromStream.get(Tags.of(0x0029, 0x1010)).bytes()).isEqualTo(blob);
    }

    @Test
    void fileMetaWithoutGroupLengthAndTruncatedLastItemAreWarnings() throws Exception {
        byte[] item =
                DicomBytes.dataset(true, false).text(Tag.CodeValue, "SH", "AB").bytes();
        byte[] bytes = DicomBytes.dataset(true, false)
                .text(Tag.TransferSyntaxUID, "UI", TransferSyntax.ExplicitVRLittleEndian.uid() + "\0")
                .header(Tag.AnatomicRegionSequence, "SQ", 8 + item.length + 100)
                .item(item.length + 100)
                .raw(item)
                .bytes();
        DicomFile file = read(bytes);
        assertThat(file.warnings())
                .extracting(ReadWarning::message)
                .anyMatch(m -> m.contains("no group length"))
                .anyMatch(m -> m.contains("input ends 100 bytes before the end"));
        assertThat(file.dataset().get(Tag.AnatomicRegionSequence).items().get(0).getString(Tag.CodeValue))
                .isEqualTo("AB");
    }
}
