package org.openahi.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Copied instances keep their own Patient, Study and Series attributes where the destination's differ. */
class DocumentCopyTest {
    private static final String DESTINATION = """
      {"SchemaVersion":"1.1","DatastoreID":"d","ImageSetID":"dest",
       "Patient":{"DICOM":{"PatientID":"P1","OtherPatientNames":"ALIAS"}},
       "Study":{"DICOM":{"StudyInstanceUID":"1.2.3"},
        "Series":{"1.2.3.4":{"DICOM":{"SeriesInstanceUID":"1.2.3.4","InstitutionName":"NORTH"},
         "Instances":{"1.2.3.4.1":{"DICOM":{"SOPInstanceUID":"1.2.3.4.1"},"DICOMVRs":{}}}}}}}
      """;
    private static final String SOURCE = """
      {"SchemaVersion":"1.1","DatastoreID":"d","ImageSetID":"source",
       "Patient":{"DICOM":{"PatientID":"P1"}},
       "Study":{"DICOM":{"StudyInstanceUID":"1.2.3"},
        "Series":{"1.2.3.4":{"DICOM":{"SeriesInstanceUID":"1.2.3.4","InstitutionName":"SOUTH"},
         "Instances":{"1.2.3.4.2":{"DICOM":{"SOPInstanceUID":"1.2.3.4.2"},"DICOMVRs":{}}}}}}}
      """;

    @Test
    void mergedInstancesKeepTheirOwnValuesAndNoneGainsAnAttribute() {
        ObjectNode merged = DocumentCopy.merge(tree(DESTINATION), tree(SOURCE), false)
                .document()
                .orElseThrow();
        JsonNode instances = merged.at("/Study/Series/1.2.3.4/Instances");
        assertThat(merged.at("/Study/Series/1.2.3.4/DICOM/InstitutionName").asText())
                .isEqualTo("NORTH");
        assertThat(instances.at("/1.2.3.4.2/DICOM/InstitutionName").asText()).isEqualTo("SOUTH");
        assertThat(instances.at("/1.2.3.4.1/DICOM").has("InstitutionName")).isFalse();
        assertThat(merged.at("/Patient/DICOM").has("OtherPatientNames"))
                .as("the copied instance has none")
                .isFalse();
        assertThat(instances.at("/1.2.3.4.1/DICOM/OtherPatientNames").asText()).isEqualTo("ALIAS");
        assertThat(instances.at("/1.2.3.4.2/DICOM").has("OtherPatientNames")).isFalse();
    }

    @Test
    void forcedTheCopiedInstancesTakeTheDestinationsAttributes() {
        ObjectNode merged = DocumentCopy.merge(tree(DESTINATION), tree(SOURCE), true)
                .document()
                .orElseThrow();
        JsonNode instances = merged.at("/Study/Series/1.2.3.4/Instances");
        assertThat(merged.at("/Study/Series/1.2.3.4/DICOM/InstitutionName").asText())
                .isEqualTo("NORTH");
        assertThat(merged.at("/Patient/DICOM/OtherPatientNames").asText()).isEqualTo("ALIAS");
        assertThat(instances.at("/1.2.3.4.2/DICOM").has("InstitutionName")).isFalse();
    }

    private static ObjectNode tree(String json) {
        try {
            return MetadataTrees.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
