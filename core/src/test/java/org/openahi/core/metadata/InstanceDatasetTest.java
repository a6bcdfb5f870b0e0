package org.openahi.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;

/**
 * An instance written into a metadata document and rebuilt from it gives back its data set: every VR and shape
 * (empty sequences and items, nested sequences, repeating groups, private attributes with their VR), signed values,
 * its character set, and its own values of Patient, Study and Series attributes where the image set's differ.
 */
class InstanceDatasetTest {
    private static final String SERIES = "1.2.3.4";
    private static final int OVERLAY_ROWS_6002 = 0x60020010;
    private static final int OVERLAY_DATA_6002 = 0x60023000;
    private static final int PRIVATE_CREATOR = 0x00290010;
    private static final int PRIVATE_VALUE = 0x00291010;

    @Test
    void everyShapeAndVrComesBack() throws IOException {
        Dataset source = instance("1.2.3.4.1");
        source.putSequence(0x00400555); // empty sequence (Acquisition Context Sequence)
        Sequence referenced = source.putSequence(Tag.ReferencedImageSequence);
        referenced.addItem(); // empty item
        Dataset item = referenced.addItem();
        item.putStrings(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.9");
        item.putStrings(PRIVATE_CREATOR, VR.LO, "ACME 1.0");
        item.put(Element.of(PRIVATE_VALUE, VR.OB, new byte[] {1, 2, 3, 4}));
        Dataset nested = item.putSequence(Tag.PurposeOfReferenceCodeSequence).addItem();
        nested.putStrings(Tag.CodeValue, VR.SH, "121320");
        nested.putLongs(Tag.LUTDescriptor, VR.SS, -2000, 0, 16);
        source.putLongs(Tag.PixelPaddingValue, VR.SS, -2000);
        source.putLongs(Tag.SmallestImagePixelValue, VR.SS, -1024);
        source.putLongs(0x60000010, VR.US, 512);
        source.putLongs(OVERLAY_ROWS_6002, VR.US, 256);
        source.put(Element.of(OVERLAY_DATA_6002, VR.OW, new byte[] {7, 0, 7, 0}));
        source.putStrings(PRIVATE_CREATOR, VR.LO, "ACME 1.0");
        source.putLongs(PRIVATE_VALUE, VR.SL, -5);
        source.put(Element.of(Tag.StudyComments, VR.UN, "UNKNOWN VR".getBytes(StandardCharsets.US_ASCII)));

        JsonNode document = document(List.of(source));
        Dataset rebuilt = InstanceDataset.of(document, SERIES, "1.2.3.4.1").dataset();

        assertThat(json(rebuilt)).isEqualTo(json(source));
        assertThat(rebuilt.get(Tag.PixelPaddingValue).vr()).isEqualTo(VR.SS);
        assertThat(rebuilt.get(Tag.PixelPaddingValue).longs()).containsExactly(-2000);
        assertThat(rebuilt.get(OVERLAY_ROWS_6002).longs()).containsExactly(256);
        assertThat(rebuilt.get(0x00400555).items()).isEmpty();
        assertThat(rebuilt.get(Tag.ReferencedImageSequence)
                        .items()
                        .get(1)
                        .get(PRIVATE_VALUE)
                        .vr())
                .isEqualTo(VR.OB);
        assertThat(document.at("/Study/Series/" + SERIES + "/DICOM/PixelPaddingValue")
                        .asInt())
                .isEqualTo(-2000);
    }

    @Test
    void unElementsOfTextAttributesAreHeldAsTextAndComeBackAsUn() throws IOException {
        Dataset source = instance("1.2.3.4.1");
        source.put(Element.of(Tag.StudyInstanceUID, VR.UN, "1.2.3".getBytes(StandardCharsets.US_ASCII)));
        source.put(Element.of(Tag.SeriesNumber, VR.UN, "7 ".getBytes(StandardCharsets.US_ASCII)));
        source.put(Element.of(Tag.ImageType, VR.UN, "ORIGINAL\\PRIMARY".getBytes(StandardCharsets.US_ASCII)));
        JsonNode document = document(List.of(source));
        assertThat(document.at("/Study/DICOM/StudyInstanceUID").asText()).isEqualTo("1.2.3");
        assertThat(document.at("/Study/Series/" + SERIES + "/DICOM/SeriesNumber")
                        .asText())
                .isEqualTo("7 ");
        assertThat(document.at("/Study/Series/" + SERIES + "/Instances/1.2.3.4.1/DICOM/ImageType/1")
                        .asText())
                .isEqualTo("PRIMARY");
        Dataset rebuilt = InstanceDataset.of(document, SERIES, "1.2.3.4.1").dataset();
        assertThat(json(rebuilt)).isEqualTo(json(source));
    }

    @Test
    void anIconKeepsItsPixelData() throws IOException {
        Dataset source = instance("1.2.3.4.1");
        Dataset icon = source.putSequence(Tag.IconImageSequence).addItem();
        icon.putLongs(Tag.Rows, VR.US, 2);
        icon.put(Element.of(Tag.PixelData, VR.OB, new byte[] {1, 2, 3, 4}));
        Dataset rebuilt = InstanceDataset.of(document(List.of(source)), SERIES, "1.2.3.4.1")
                .dataset();
        assertThat(rebuilt.get(Tag.IconImageSequence)
                        .items()
                        .get(0)
                        .get(Tag.PixelData)
                        .bytes())
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void anEncapsulatedIconKeepsItsOffsetTableAndFragments() throws IOException {
        // fo-dicom's GH133.dcm: a JPEG Lossless CR whose Icon Image Sequence holds a JPEG-compressed icon; it was
        // refused
        // with an internal error before.
        Dataset source = instance("1.2.3.4.1");
        Dataset icon = source.putSequence(Tag.IconImageSequence).addItem();
        icon.putLongs(Tag.Rows, VR.US, 2);
        Fragments fragments = new Fragments(
                new long[] {0},
                List.of(BulkData.of(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, (byte) 0xFF, (byte) 0xD9})));
        icon.put(Element.of(Tag.PixelData, VR.OB, fragments));
        Element rebuilt = InstanceDataset.of(document(List.of(source)), SERIES, "1.2.3.4.1")
                .dataset()
                .get(Tag.IconImageSequence)
                .items()
                .get(0)
                .get(Tag.PixelData);
        assertThat(rebuilt.isEncapsulated()).isTrue();
        assertThat(rebuilt.vr()).isEqualTo(VR.OB);
        assertThat(rebuilt.fragments().basicOffsetTable()).containsExactly(0);
        assertThat(rebuilt.fragments().items()).hasSize(1);
        assertThat(rebuilt.fragments().items().get(0).readAllBytes()).containsExactly(0xFF, 0xD8, 1, 0xFF, 0xD9);
    }

    @Test
    void textKeepsItsCharacterSetAndNulPaddingBecomesSpaces() throws IOException {
        Dataset latin1 = instance("1.2.3.4.1");
        latin1.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        latin1.putStrings(Tag.PatientName, VR.PN, "Müller^Jürgen");
        latin1.put(Element.of(Tag.StationName, VR.SH, "CT1\0".getBytes(StandardCharsets.US_ASCII)));
        Dataset rebuilt = InstanceDataset.of(document(List.of(latin1)), SERIES, "1.2.3.4.1")
                .dataset();
        assertThat(rebuilt.get(Tag.PatientName).bytes())
                .isEqualTo(latin1.get(Tag.PatientName).bytes());
        assertThat(rebuilt.getStrings(Tag.SpecificCharacterSet)).containsExactly("ISO_IR 100");
        assertThat(rebuilt.get(Tag.StationName).bytes()).isEqualTo("CT1 ".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aDefaultRepertoireValueWrittenInTheFilesCharacterSetComesBackAsItsBytes() throws IOException {
        // fo-dicom's GH1301.dcm: a GB18030 file whose Patient Sex (CS, default repertoire only) is "男", C4 D0.
        Dataset gb18030 = instance("1.2.3.4.1");
        gb18030.putStrings(Tag.SpecificCharacterSet, VR.CS, "GB18030");
        byte[] male = {(byte) 0xC4, (byte) 0xD0};
        gb18030.put(Element.of(Tag.PatientSex, VR.CS, male));
        JsonNode document = document(List.of(gb18030));
        assertThat(document.at("/Patient/DICOM/PatientSex").asText()).isEqualTo("男");
        Dataset rebuilt = InstanceDataset.of(document, SERIES, "1.2.3.4.1").dataset();
        assertThat(rebuilt.get(Tag.PatientSex).vr()).isEqualTo(VR.CS);
        assertThat(rebuilt.get(Tag.PatientSex).bytes()).isEqualTo(male);
        assertThat(rebuilt.getStrings(Tag.SpecificCharacterSet)).containsExactly("GB18030");
    }

    @Test
    void characterSetIsAddedOnlyWhenTheTextNeedsIt() throws IOException {
        Dataset ascii = instance("1.2.3.4.1");
        assertThat(InstanceDataset.of(document(List.of(ascii)), SERIES, "1.2.3.4.1")
                        .dataset()
                        .contains(Tag.SpecificCharacterSet))
                .isFalse();

        Dataset undeclared = instance("1.2.3.4.1");
        undeclared.put(Element.of(Tag.PatientName, VR.PN, "M\u00fcller".getBytes(StandardCharsets.ISO_8859_1)));
        Dataset rebuilt = InstanceDataset.of(document(List.of(undeclared)), SERIES, "1.2.3.4.1")
                .dataset();
        assertThat(rebuilt.getStrings(Tag.SpecificCharacterSet)).containsExactly("ISO_IR 192");
        assertThat(rebuilt.getString(Tag.PatientName)).isEqualTo("Müller");
    }

    @Test
    void eachInstanceKeepsItsOwnPatientStudyAndSeriesAttributes() throws IOException {
        Dataset first = instance("1.2.3.4.1");
        first.putStrings(Tag.InstitutionName, VR.LO, "NORTH");
        first.putStrings(Tag.OtherPatientNames, VR.PN, "ALIAS");
        Dataset second = instance("1.2.3.4.2");
        second.putStrings(Tag.InstitutionName, VR.LO, "SOUTH");
        Dataset third = instance("1.2.3.4.3");
        third.putStrings(Tag.InstitutionName, VR.LO, "SOUTH");
        third.putStrings(Tag.OtherPatientNames, VR.PN, "ALIAS");

        JsonNode document = document(List.of(first, second, third));
        assertThat(document.at("/Study/Series/" + SERIES + "/DICOM/InstitutionName")
                        .asText())
                .isEqualTo("SOUTH");
        assertThat(document.at("/Patient/DICOM").has("OtherPatientNames"))
                .as("not every instance has it")
                .isFalse();
        for (Dataset source : List.of(first, second, third)) {
            Dataset rebuilt = InstanceDataset.of(document, SERIES, source.getString(Tag.SOPInstanceUID))
                    .dataset();
            assertThat(json(rebuilt)).isEqualTo(json(source));
        }
    }

    @Test
    void instancesOfAnEarlierVersionKeepTheirOwnValuesWhenTheLevelsChange() throws IOException {
        Dataset first = instance("1.2.3.4.1");
        first.putStrings(Tag.InstitutionName, VR.LO, "NORTH");
        first.putStrings(Tag.OtherPatientNames, VR.PN, "ALIAS");
        ByteArrayOutputStream previous = new ByteArrayOutputStream();
        ImageSetDocument.write(previous, "d", "i", null, List.of(metadata(first)));
        Dataset second = instance("1.2.3.4.2");
        second.putStrings(Tag.InstitutionName, VR.LO, "SOUTH");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageSetDocument.write(
                out, "d", "i", () -> new ByteArrayInputStream(previous.toByteArray()), List.of(metadata(second)));
        JsonNode document = MetadataTrees.read(new ByteArrayInputStream(out.toByteArray()));
        for (Dataset source : List.of(first, second)) {
            Dataset rebuilt = InstanceDataset.of(document, SERIES, source.getString(Tag.SOPInstanceUID))
                    .dataset();
            assertThat(json(rebuilt)).isEqualTo(json(source));
        }
    }

    private static Dataset instance(String sopInstanceUid) {
        Dataset dataset = new Dataset();
        dataset.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        dataset.putStrings(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        dataset.putStrings(Tag.PatientID, VR.LO, "P1");
        dataset.putStrings(Tag.StudyInstanceUID, VR.UI, "1.2.3");
        dataset.putStrings(Tag.SeriesInstanceUID, VR.UI, SERIES);
        return dataset;
    }

    private static InstanceMetadata metadata(Dataset dataset) throws IOException {
        Dataset fileMeta = new Dataset();
        fileMeta.putStrings(Tag.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.1");
        return InstanceMetadataWriter.write(
                dataset.getString(Tag.SOPInstanceUID),
                SERIES,
                fileMeta,
                dataset,
                null,
                "1.2.840.10008.1.2.1",
                List.of());
    }

    private static JsonNode document(List<Dataset> instances) throws IOException {
        List<InstanceMetadata> metadata = new ArrayList<>();
        for (Dataset instance : instances) {
            metadata.add(metadata(instance));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageSetDocument.write(out, "d", "i", null, metadata);
        return MetadataTrees.read(new ByteArrayInputStream(out.toByteArray()));
    }

    private static String json(Dataset dataset) throws IOException {
        return DicomJsonWriter.toJson(dataset, BulkDataPolicy.inline());
    }
}
