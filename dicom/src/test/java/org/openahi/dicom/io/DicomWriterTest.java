package org.openahi.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;

class DicomWriterTest {

    private static Dataset instance() {
        Dataset ds = new Dataset();
        ds.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        ds.putStrings(Tag.PatientName, VR.PN, "Doe^Jane");
        ds.putStrings(Tag.PatientID, VR.LO, "ABC");
        return ds;
    }

    private static byte[] write(Dataset ds, TransferSyntax ts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.write(out, ds, ts);
        return out.toByteArray();
    }

    @Test
    void fileMetaHasItsGroupLengthAndTheDataSetItsUids() throws Exception {
        byte[] bytes = write(instance(), TransferSyntax.ExplicitVRLittleEndian);
        assertThat(new String(bytes, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(132)).isEqualTo((short) 2);
        long groupLength = b.getInt(140);
        assertThat(b.getShort((int) (144 + groupLength)))
                .as("group 0002 ends where its length says")
                .isEqualTo((short) 0x0008);
        DicomFile read = DicomReader.read(new ByteArrayInputStream(bytes));
        assertThat(read.warnings()).isEmpty();
        Dataset meta = read.fileMeta();
        assertThat(meta.getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(meta.getString(Tag.TransferSyntaxUID)).isEqualTo(TransferSyntax.ExplicitVRLittleEndian.uid());
        assertThat(meta.getString(Tag.ImplementationClassUID)).isEqualTo(DicomWriter.IMPLEMENTATION_CLASS_UID);
        assertThat(read.dataset().getString(Tag.PatientName)).isEqualTo("Doe^Jane");
    }

    @Test
    void valuesArePaddedToEvenLength() throws Exception {
        Dataset ds = instance();
        ds.putStrings(Tag.PatientID, VR.LO, "odd");
        ds.put(Element.of(Tags.of(0x0009, 0x1001), VR.OB, new byte[] {1, 2, 3}));
        DicomFile read = DicomReader.read(new ByteArrayInputStream(write(ds, TransferSyntax.ExplicitVRLittleEndian)));
        assertThat(read.dataset().get(Tag.PatientID).bytes()).containsExactly('o', 'd', 'd', ' ');
        assertThat(read.dataset().get(Tag.SOPInstanceUID).bytes()).containsExactly('1', '.', '2', '.', '3', 0);
        assertThat(read.dataset().get(Tags.of(0x0009, 0x1001)).bytes()).containsExactly(1, 2, 3, 0);
    }

    @Test
    void sequencesGroupLengthsAndImplicitVr() throws Exception {
        Dataset ds = instance();
        ds.putLongs(Tags.of(0x0010, 0x0000), VR.UL, 0);
        Sequence codes = ds.putSequence(Tag.AnatomicRegionSequence);
        codes.addItem().putStrings(Tag.CodeValue, VR.SH, "T-A0100");
        codes.addItem()
                .putSequence(Tag.AnatomicRegionModifierSequence)
                .addItem()
                .putStrings(Tag.CodeMeaning, VR.LO, "left");
        for (TransferSyntax ts :
                List.of(TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian)) {
            byte[] bytes = write(ds, ts);
            Dataset read = DicomReader.read(new ByteArrayInputStream(bytes)).dataset();
            assertThat(read.get(Tag.AnatomicRegionSequence)
                            .items()
                            .get(1)
                            .get(Tag.AnatomicRegionModifierSequence)
                            .items()
                            .get(0)
                            .getString(Tag.CodeMeaning))
                    .isEqualTo("left");
            // group 0010: PatientName (8 + 8) and PatientID (8 + 4) in both encodings
            assertThat(read.getLong(Tags.of(0x0010, 0x0000), -1)).as(ts.name()).isEqualTo(28);
        }
    }

    @Test
    void framesBecomeFragmentsWithABasicOffsetTable() throws Exception {
        Dataset ds = instance();
        ds.putStrings(Tag.NumberOfFrames, VR.IS, "3");
        ds.putLongs(Tag.Rows, VR.US, 8);
        ds.putLongs(Tag.Columns, VR.US, 8);
        ds.putLongs(Tag.BitsAllocated, VR.US, 8);
        byte[] second = "second frame".getBytes(StandardCharsets.US_ASCII);
        List<BulkData> frames = List.of(
                BulkData.of(new byte[] {(byte) 0xFF, (byte) 0xD8, 1}),
                BulkData.of(second.length, () -> new ByteArrayInputStream(second)),
                BulkData.of(new byte[] {(byte) 0xFF, (byte) 0xD8, 2, 3}));
        ds.put(Element.of(Tag.PixelData, VR.OB, Fragments.ofFrames(frames)));
        byte[] bytes = write(ds, TransferSyntax.JPEGBaseline8Bit);
        DicomFile read = DicomReader.read(new ByteArrayInputStream(bytes));
        assertThat(read.transferSyntax()).isEqualTo(TransferSyntax.JPEGBaseline8Bit);
        Fragments fragments = read.dataset().get(Tag.PixelData).fragments();
        assertThat(fragments.basicOffsetTable()).containsExactly(0, 12, 32);
        PixelData pixels = read.pixelData();
        assertThat(pixels.frameCount()).isEqualTo(3);
        assertThat(pixels.frame(0).readAllBytes())
                .as("odd frames are padded with one zero byte")
                .containsExactly(0xFF, 0xD8, 1, 0);
        assertThat(pixels.frame(1).readAllBytes()).isEqualTo(second);
        assertThat(Arrays.copyOf(pixels.frame(2).readAllBytes(), 4)).containsExactly(0xFF, 0xD8, 2, 3);
    }

    @Test
    void pixelDataMustMatchTheTransferSyntax() {
        Dataset ds = instance();
        ds.put(Element.of(Tag.PixelData, VR.OB, Fragments.ofFrames(List.of(BulkData.of(new byte[2])))));
        assertThatThrownBy(() -> write(ds, TransferSyntax.ExplicitVRLittleEndian))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encapsulated pixel data");
        assertThatThrownBy(() -> write(instance(), TransferSyntax.ExplicitVRBigEndian))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortHeaderValuesLongerThan64KiBBecomeUn() throws Exception {
        Dataset ds = instance();
        char[] text = new char[70_000];
        Arrays.fill(text, 'x');
        ds.putStrings(Tag.PatientComments, VR.LT, new String(text));
        Element read = DicomReader.read(new ByteArrayInputStream(write(ds, TransferSyntax.ExplicitVRLittleEndian)))
                .dataset()
                .get(Tag.PatientComments);
        assertThat(read.vr()).isEqualTo(VR.UN);
        assertThat(read.string(org.openahi.dicom.charset.SpecificCharacterSet.DEFAULT))
                .hasSize(70_000);
    }

    @Test
    void bareDataSetsRoundTripInEveryWritableNetworkSyntax() throws Exception {
        for (TransferSyntax ts : List.of(
                TransferSyntax.ImplicitVRLittleEndian,
                TransferSyntax.ExplicitVRLittleEndian,
                TransferSyntax.DeflatedExplicitVRLittleEndian)) {
            Dataset ds = instance();
            ds.putSequence(Tag.ReferencedSOPSequence)
                    .addItem()
                    .putStrings(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.5");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DicomWriter.writeDataset(out, ds, ts);
            byte[] bytes = out.toByteArray();
            if (!ts.deflated()) {
                assertThat(bytes[0])
                        .as(ts + ": the data set's first tag, no preamble")
                        .isEqualTo((byte) 0x08);
            }
            Dataset read = DicomReader.readDataset(new ByteArrayInputStream(bytes), ts.uid(), ReadOptions.defaults());
            assertThat(read.getString(Tag.PatientName)).as(ts.toString()).isEqualTo("Doe^Jane");
            assertThat(read.get(Tag.ReferencedSOPSequence).items().get(0).getString(Tag.ReferencedSOPInstanceUID))
                    .isEqualTo("1.2.5");
            assertThat(read.get(Tag.PatientID).vr()).isEqualTo(VR.LO);
        }
    }

    @Test
    void readingABareDataSetNamesAnUnknownSyntaxOrBadBytes() {
        assertThatThrownBy(() -> DicomReader.readDataset(
                        new ByteArrayInputStream(new byte[8]), "1.2.3.4", ReadOptions.defaults()))
                .isInstanceOf(org.openahi.dicom.DicomParseException.class)
                .hasMessageContaining("unknown transfer syntax 1.2.3.4");
        byte[] truncated = {0x10, 0x00, 0x10, 0x00, 'P', 'N', 8, 0, 'D', 'o'};
        assertThatThrownBy(() -> DicomReader.readDataset(
                        new ByteArrayInputStream(truncated),
                        TransferSyntax.ExplicitVRLittleEndian.uid(),
                        ReadOptions.defaults()))
                .isInstanceOf(org.openahi.dicom.DicomParseException.class);
    }

    @Test
    void aFileStartFollowedByEncodedBytesIsAPart10File() throws Exception {
        ByteArrayOutputStream dataset = new ByteArrayOutputStream();
        DicomWriter.writeDataset(dataset, instance(), TransferSyntax.ImplicitVRLittleEndian);
        Dataset meta = new Dataset();
        meta.putStrings(Tag.SourceApplicationEntityTitle, VR.AE, "SCANNER");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DicomWriter.writeFileStart(
                file, meta, "1.2.840.10008.5.1.4.1.1.7", "1.2.3", TransferSyntax.ImplicitVRLittleEndian.uid());
        dataset.writeTo(file);
        DicomFile read = DicomReader.read(new ByteArrayInputStream(file.toByteArray()));
        assertThat(read.warnings()).isEmpty();
        assertThat(read.transferSyntax()).isEqualTo(TransferSyntax.ImplicitVRLittleEndian);
        assertThat(read.fileMeta().getString(Tag.SourceApplicationEntityTitle)).isEqualTo("SCANNER");
        assertThat(read.fileMeta().getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(read.dataset().getString(Tag.PatientID)).isEqualTo("ABC");
    }
}
