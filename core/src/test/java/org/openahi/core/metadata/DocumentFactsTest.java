package org.openahi.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openahi.core.imageset.DicomWebIndex;

class DocumentFactsTest {

    @Test
    void collectsWhatQidoReturnsOfTheSeriesAndEachInstance() throws Exception {
        String document = """
        {"SchemaVersion":"1.1","DatastoreID":"d","ImageSetID":"i",
         "Patient":{"DICOM":{"PatientID":"P1","PatientName":"Doe^Jane "}},
         "Study":{"DICOM":{"StudyInstanceUID":"9.9","ReferringPhysicianName":"Ref^Doc","StudyDate":"20240102"},
          "Series":{"1.1":{"DICOM":{"Modality":"MR","SeriesNumber":" 7","SeriesDescription":"Ax DWI"},
            "Instances":{
              "1.1.1":{"DICOM":{"SOPClassUID":"1.2.840.10008.5.1.4.1.1.4","InstanceNumber":"2","Rows":256,
                                "Columns":[192],"NumberOfFrames":"x"},"ImageFrames":[{"ID":"f"}]},
              "1.1.2":{"DICOM":{"InstanceNumber":null}}}}}}}
        """;
        DocumentFacts facts = DocumentFacts.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        assertThat(facts.summary().instanceCount()).isEqualTo(2);
        assertThat(facts.summary().patientName()).isEqualTo("Doe^Jane");
        DicomWebIndex index = facts.dicomWeb();
        assertThat(index.referringPhysicianName()).isEqualTo("Ref^Doc");
        assertThat(index.seriesDescription()).isEqualTo("Ax DWI");
        assertThat(index.seriesNumber()).isEqualTo(7L);
        assertThat(index.instances())
                .containsExactly(
                        new DicomWebIndex.Instance("1.1", "1.1.1", "1.2.840.10008.5.1.4.1.1.4", 2L, null, 256, 192),
                        new DicomWebIndex.Instance("1.1", "1.1.2", null, null, null, null, null));
    }

    @Test
    void aWantedAttributeNotEveryInstanceHasIsTakenFromTheFirstInstanceThatHasIt() throws Exception {
        String document = """
        {"SchemaVersion":"1.1","DatastoreID":"d","ImageSetID":"i",
         "Patient":{"DICOM":{"PatientID":"P1"}},
         "Study":{"DICOM":{"StudyInstanceUID":"9.9","StudyDescription":"LEVEL"},
          "Series":{"1.1":{"DICOM":{"Modality":"MR"},
            "Instances":{
              "1.1.1":{"DICOM":{"SOPClassUID":"1.2","StudyDescription":"OWN"}},
              "1.1.2":{"DICOM":{"PatientName":"Doe^Jane"}},
              "1.1.3":{"DICOM":{"PatientName":"Other^Name"}}}}}}}
        """;
        DocumentFacts facts = DocumentFacts.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        assertThat(facts.summary().patientName()).isEqualTo("Doe^Jane");
        assertThat(facts.summary().studyDescription())
                .as("the level's value comes first")
                .isEqualTo("LEVEL");
    }
}
