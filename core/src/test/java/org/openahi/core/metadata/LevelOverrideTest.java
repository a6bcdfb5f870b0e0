package org.openahi.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.json.DicomJsonReader;

/**
 * A metadata file's attributes in place of an instance's at the levels it names: each side's text decoded with its
 * own character set, every replacement reported with the value it replaced, the other levels untouched, and the
 * document rebuilt for DICOMweb holding the file's text.
 */
class LevelOverrideTest {
    private static final String SERIES = "1.2.3.4";

    private static Dataset latin1Instance() {
        Dataset dataset = new Dataset();
        dataset.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        dataset.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        dataset.putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.1");
        dataset.putStrings(Tag.PatientName, VR.PN, "Müller^Hans");
        dataset.putStrings(Tag.PatientID, VR.LO, "P1");
        dataset.putStrings(Tag.StudyInstanceUID, VR.UI, "1.2.3");
        dataset.putStrings(Tag.StudyDescription, VR.LO, "original study");
        dataset.putStrings(Tag.SeriesInstanceUID, VR.UI, SERIES);
        dataset.putStrings(Tag.SeriesDescription, VR.LO, "original series");
        return dataset;
    }

    @Test
    void aStudyFileReplacesPatientAndStudyAttributesAndReportsWhatItReplaced() throws IOException {
        Dataset file = DicomJsonReader.read(
                "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Łukasz^Żak\"}]},"
                        + "\"00100030\":{\"vr\":\"DA\",\"Value\":[\"19800101\"]},"
                        + "\"00081030\":{\"vr\":\"LO\",\"Value\":[\"mapped study\"]}}",
                uri -> null);
        Dataset fileMeta = new Dataset();
        fileMeta.putStrings(Tag.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.1");
        List<AppliedOverride> applied = new ArrayList<>();
        InstanceMetadata metadata = InstanceMetadataWriter.write(
                "1.2.3.4.1",
                SERIES,
                fileMeta,
                latin1Instance(),
                null,
                "1.2.840.10008.1.2.1",
                List.of(),
                List.of(new LevelOverride("meta/study.json", file, Set.of(MetadataLevel.PATIENT, MetadataLevel.STUDY))),
                applied);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageSetDocument.write(out, "d", "i", null, List.of(metadata));
        JsonNode document = MetadataTrees.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(document.at("/Patient/DICOM/PatientName").asText()).isEqualTo("Łukasz^Żak");
        assertThat(document.at("/Patient/DICOM/PatientID").asText()).isEqualTo("P1");
        assertThat(document.at("/Patient/DICOM/PatientBirthDate").asText()).isEqualTo("19800101");
        assertThat(document.at("/Study/DICOM/StudyDescription").asText()).isEqualTo("mapped study");
        assertThat(document.at("/Study/Series/" + SERIES + "/DICOM/SeriesDescription")
                        .asText())
                .isEqualTo("original series");

        assertThat(applied)
                .extracting(AppliedOverride::attribute)
                .containsExactlyInAnyOrder("PatientName", "PatientBirthDate", "StudyDescription");
        assertThat(applied).allSatisfy(o -> assertThat(o.source()).isEqualTo("meta/study.json"));
        AppliedOverride name = applied.stream()
                .filter(o -> o.attribute().equals("PatientName"))
                .findFirst()
                .orElseThrow();
        assertThat(name.level()).isEqualTo(MetadataLevel.PATIENT);
        assertThat(name.previous().orElseThrow().asText()).isEqualTo("Müller^Hans");
        assertThat(name.value().asText()).isEqualTo("Łukasz^Żak");
        assertThat(applied.stream()
                        .filter(o -> o.attribute().equals("PatientBirthDate"))
                        .findFirst()
                        .orElseThrow()
                        .previous())
                .as("the instance had none")
                .isEmpty();

        // Rebuilt for DICOMweb: the name does not fit the instance's ISO_IR 100, so the data set becomes UTF-8.
        Dataset rebuilt = InstanceDataset.of(document, SERIES, "1.2.3.4.1").dataset();
        assertThat(rebuilt.getString(Tag.PatientName)).isEqualTo("Łukasz^Żak");
        assertThat(rebuilt.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    }

    @Test
    void aSeriesFileTouchesOnlyTheSeriesLevel() throws IOException {
        Dataset file =
                DicomJsonReader.read("{\"0008103E\":{\"vr\":\"LO\",\"Value\":[\"mapped series\"]}}", uri -> null);
        Dataset fileMeta = new Dataset();
        fileMeta.putStrings(Tag.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.1");
        List<AppliedOverride> applied = new ArrayList<>();
        InstanceMetadata metadata = InstanceMetadataWriter.write(
                "1.2.3.4.1",
                SERIES,
                fileMeta,
                latin1Instance(),
                null,
                "1.2.840.10008.1.2.1",
                List.of(),
                List.of(new LevelOverride("series.json", file, Set.of(MetadataLevel.SERIES))),
                applied);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageSetDocument.write(out, "d", "i", null, List.of(metadata));
        JsonNode document = MetadataTrees.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(document.at("/Study/Series/" + SERIES + "/DICOM/SeriesDescription")
                        .asText())
                .isEqualTo("mapped series");
        assertThat(document.at("/Patient/DICOM/PatientName").asText()).isEqualTo("Müller^Hans");
        assertThat(applied).singleElement().satisfies(o -> {
            assertThat(o.level()).isEqualTo(MetadataLevel.SERIES);
            assertThat(o.previous().orElseThrow().asText()).isEqualTo("original series");
        });
    }
}
