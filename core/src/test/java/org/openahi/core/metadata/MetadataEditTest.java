package org.openahi.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.core.error.InvalidRequest;

/** AHI's metadata constraints on UpdateImageSetMetadata edits, rule by rule, and what an accepted edit does. */
class MetadataEditTest {
    private static final String DOCUMENT = """
      {"SchemaVersion":"1.1","DatastoreID":"d","ImageSetID":"i",
       "Patient":{"DICOM":{"PatientName":"DOE^JANE","PatientID":"P1"}},
       "Study":{"DICOM":{"StudyInstanceUID":"1.2.3","StudyDescription":"OLD","StudyID":"7","StudyDate":"20200101"},
        "Series":{"1.2.3.4":{"DICOM":{"Modality":"MR","SeriesNumber":"1","SeriesInstanceUID":"1.2.3.4"},
         "Instances":{
          "1.2.3.4.1":{"DICOM":{"SOPInstanceUID":"1.2.3.4.1","ImageComments":"x","ImageType":["ORIGINAL"],
                                "Rows":256,"SliceThickness":"3.0","00091001":"GE"},
                       "DICOMVRs":{"00091001":"LO"},"ImageFrames":[{"ID":"f1","FrameSizeInBytes":131072}]},
          "1.2.3.4.2":{"DICOM":{"SOPInstanceUID":"1.2.3.4.2","RescaleSlope":1.25000000000000000001},"DICOMVRs":{}}}}}}}
      """;
    private static final String INSTANCE = "\"Study\":{\"Series\":{\"1.2.3.4\":{\"Instances\":{\"1.2.3.4.1\":";

    enum Set {
        PRIMARY,
        NON_PRIMARY,
        NON_PRIMARY_FORCED
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(
                        "Patient level on a primary image set",
                        update("\"Patient\":{\"DICOM\":{\"PatientName\":\"X\"}}"),
                        Set.PRIMARY,
                        "Patient-level attributes of a primary image set cannot be changed"),
                Arguments.of(
                        "Series level on a primary image set",
                        update("\"Study\":{\"Series\":{\"1.2.3.4\":{\"DICOM\":{\"Modality\":\"CT\"}}}}"),
                        Set.PRIMARY,
                        "Series-level attributes of a primary image set cannot be changed"),
                Arguments.of(
                        "attribute at the wrong level",
                        update("\"Study\":{\"DICOM\":{\"PatientName\":\"X\"}}"),
                        Set.NON_PRIMARY,
                        "Study.DICOM.PatientName is a Patient-level attribute"),
                Arguments.of(
                        "Study Instance UID without force",
                        update("\"Study\":{\"DICOM\":{\"StudyInstanceUID\":\"1.2\"}}"),
                        Set.NON_PRIMARY,
                        "is a UID; changing it needs force=true"),
                Arguments.of(
                        "Study Instance UID of a primary image set, forced or not",
                        update("\"Study\":{\"DICOM\":{\"StudyInstanceUID\":\"1.2\"}}"),
                        Set.PRIMARY,
                        "cannot be changed on a primary image set"),
                Arguments.of(
                        "Study ID without force",
                        update("\"Study\":{\"DICOM\":{\"StudyID\":\"8\"}}"),
                        Set.NON_PRIMARY,
                        "is the Study ID; changing it needs force=true"),
                Arguments.of(
                        "Pixel Data",
                        update(INSTANCE + "{\"DICOM\":{\"PixelData\":null}}}}}}"),
                        Set.NON_PRIMARY_FORCED,
                        "PixelData cannot be changed"),
                Arguments.of(
                        "generated frame attributes",
                        update(INSTANCE + "{\"ImageFrames\":[]}}}}}"),
                        Set.NON_PRIMARY_FORCED,
                        "ImageFrames cannot be changed"),
                Arguments.of(
                        "generated top-level attributes",
                        update("\"DatastoreID\":\"x\""),
                        Set.NON_PRIMARY_FORCED,
                        "DatastoreID is not part of a metadata document that can be changed"),
                Arguments.of(
                        "SchemaVersion other than 1.1",
                        "{\"SchemaVersion\":2}",
                        Set.NON_PRIMARY,
                        "SchemaVersion must be 1.1"),
                Arguments.of(
                        "attribute outside the standard",
                        update(INSTANCE + "{\"DICOM\":{\"MadeUpKeyword\":\"1\"}}}}}}"),
                        Set.NON_PRIMARY,
                        "is not an attribute of the DICOM standard; changing it needs force=true"),
                Arguments.of(
                        "private attribute without force",
                        update(INSTANCE + "{\"DICOM\":{\"00091001\":\"X\"}}}}}}"),
                        Set.NON_PRIMARY,
                        "is a private attribute; changing it needs force=true"),
                Arguments.of(
                        "private attribute above instance level",
                        update("\"Study\":{\"DICOM\":{\"00091001\":\"X\"}}"),
                        Set.NON_PRIMARY_FORCED,
                        "private attributes can only be changed on an instance"),
                Arguments.of(
                        "multi-valued attribute",
                        update(INSTANCE + "{\"DICOM\":{\"ImageType\":[\"DERIVED\"]}}}}}}"),
                        Set.NON_PRIMARY,
                        "is multi-valued; changing it needs force=true"),
                Arguments.of(
                        "sequence",
                        update("\"Study\":{\"DICOM\":{\"ProcedureCodeSequence\":[]}}"),
                        Set.NON_PRIMARY,
                        "is a sequence; changing it needs force=true"),
                Arguments.of(
                        "value its VR does not allow: text for US",
                        update(INSTANCE + "{\"DICOM\":{\"Rows\":\"abc\"}}}}}}"),
                        Set.NON_PRIMARY,
                        "does not fit its VR (a US value is an integer)"),
                Arguments.of(
                        "value its VR does not allow: malformed DA",
                        update("\"Study\":{\"DICOM\":{\"StudyDate\":\"2020011X\"}}"),
                        Set.NON_PRIMARY,
                        "'2020011X' is not a valid DA value"),
                Arguments.of(
                        "value its VR does not allow: too long for SH",
                        update("\"Study\":{\"DICOM\":{\"AccessionNumber\":\"12345678901234567\"}}"),
                        Set.NON_PRIMARY,
                        "a SH value has at most 16 characters"),
                Arguments.of(
                        "value its VR does not allow: out of range",
                        update(INSTANCE + "{\"DICOM\":{\"Rows\":70000}}}}}}"),
                        Set.NON_PRIMARY,
                        "70000 is out of the range of US"),
                Arguments.of(
                        "force does not lift the search summary limits",
                        update("\"Patient\":{\"DICOM\":{\"PatientName\":\"" + "A".repeat(513) + "\"}}"),
                        Set.NON_PRIMARY_FORCED,
                        "PatientName has 513 characters; at most 512 are accepted"),
                Arguments.of(
                        "series missing from the image set",
                        update("\"Study\":{\"Series\":{\"9.9\":{\"DICOM\":{\"Modality\":\"CT\"}}}}"),
                        Set.NON_PRIMARY,
                        "Series.9.9: no such series in the image set"),
                Arguments.of(
                        "instance missing from the image set",
                        update(
                                "\"Study\":{\"Series\":{\"1.2.3.4\":{\"Instances\":{\"9.9\":{\"DICOM\":{\"ImageComments\":\"y\"}}}}}}"),
                        Set.NON_PRIMARY,
                        "Instances.9.9: no such instance in the image set"),
                Arguments.of(
                        "a SOP Instance UID that names another instance",
                        update(INSTANCE + "{\"DICOM\":{\"SOPInstanceUID\":\"1.2.3.4.2\"}}}}}}"),
                        Set.NON_PRIMARY_FORCED,
                        "SOPInstanceUID 1.2.3.4.2 already names another one"),
                Arguments.of(
                        "an unknown VR",
                        update(INSTANCE + "{\"DICOMVRs\":{\"00091002\":\"XX\"}}}}}}"),
                        Set.NON_PRIMARY_FORCED,
                        "'XX' is not a DICOM VR"),
                Arguments.of(
                        "a UID that is not a UID, even forced",
                        update("\"Study\":{\"DICOM\":{\"StudyInstanceUID\":\"REM SAMPLES 1\"}}"),
                        Set.NON_PRIMARY_FORCED,
                        "DICOM attribute StudyInstanceUID is not a UID: 'REM SAMPLES 1'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void refusesAnEditThatBreaksARule(String rule, String updatable, Set set, String message) {
        MetadataEdit edit = MetadataEdit.parse(bytes(updatable), null);
        assertThatThrownBy(() -> edit.apply(document(), options(set)))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesARemovalThatWouldLeaveNoInstanceOrThatRemovesAUid() {
        MetadataEdit removeAll = MetadataEdit.parse(
                null,
                bytes("{\"Study\":{\"Series\":{\"1.2.3.4\":{\"Instances\":{\"1.2.3.4.1\":{},\"1.2.3.4.2\":{}}}}}}"));
        assertThatThrownBy(() -> removeAll.apply(document(), options(Set.NON_PRIMARY)))
                .hasMessageContaining("the edit would leave the image set without instances");
        MetadataEdit removeUid = MetadataEdit.parse(null, bytes("{\"Study\":{\"DICOM\":{\"StudyInstanceUID\":\"\"}}}"));
        assertThatThrownBy(() -> removeUid.apply(document(), options(Set.NON_PRIMARY_FORCED)))
                .hasMessageContaining("StudyInstanceUID cannot be removed");
    }

    @Test
    void malformedJsonIsRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> MetadataEdit.parse(bytes("{\"Study\":"), null))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("updatableAttributes is not a JSON object");
        assertThatThrownBy(() -> MetadataEdit.parse(null, bytes("[1]")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("removableAttributes is not a JSON object");
    }

    @Test
    void appliesUpdatesAndRemovalsAtEveryLevelAndLeavesTheRestAsItWas() {
        MetadataEdit edit = MetadataEdit.parse(
                bytes(
                        update(
                                "\"Study\":{\"DICOM\":{\"StudyDescription\":\"NEW\"},"
                                        + "\"Series\":{\"1.2.3.4\":{\"Instances\":{\"1.2.3.4.1\":{\"DICOM\":{\"ImageComments\":\"y\"}}}}}}")),
                bytes("{\"SchemaVersion\":\"1.1\",\"Study\":{\"Series\":{\"1.2.3.4\":{\"Instances\":{\"1.2.3.4.2\":{},"
                        + "\"1.2.3.4.1\":{\"DICOM\":{\"SliceThickness\":null}}}}}}}"));
        JsonNode original = document();
        ObjectNode edited = edit.apply(original, options(Set.PRIMARY));
        assertThat(edited.at("/Study/DICOM/StudyDescription").asText()).isEqualTo("NEW");
        JsonNode instances = edited.at("/Study/Series/1.2.3.4/Instances");
        assertThat(instances.size()).isEqualTo(1);
        assertThat(instances.at("/1.2.3.4.1/DICOM/ImageComments").asText()).isEqualTo("y");
        assertThat(instances.at("/1.2.3.4.1/DICOM").has("SliceThickness")).isFalse();
        assertThat(edited.at("/Patient")).isEqualTo(original.at("/Patient"));
        assertThat(original.at("/Study/DICOM/StudyDescription").asText())
                .as("the input is left unchanged")
                .isEqualTo("OLD");
    }

    @Test
    void aForcedSopInstanceUidChangeMovesTheInstanceToItsNewKey() {
        MetadataEdit edit = MetadataEdit.parse(
                bytes(update(INSTANCE + "{\"DICOM\":{\"SOPInstanceUID\":\"1.2.3.4.9\"}}}}}}")), null);
        JsonNode instances =
                edit.apply(document(), options(Set.NON_PRIMARY_FORCED)).at("/Study/Series/1.2.3.4/Instances");
        assertThat(instances.has("1.2.3.4.1")).isFalse();
        assertThat(instances.at("/1.2.3.4.9/ImageFrames/0/ID").asText()).isEqualTo("f1");
    }

    @Test
    void aForcedPrivateAttributeKeepsItsVr() {
        MetadataEdit edit = MetadataEdit.parse(
                bytes(update(INSTANCE + "{\"DICOM\":{\"001910F9\":\"97\"},\"DICOMVRs\":{\"001910F9\":\"DS\"}}}}}}")),
                null);
        JsonNode instance =
                edit.apply(document(), options(Set.NON_PRIMARY_FORCED)).at("/Study/Series/1.2.3.4/Instances/1.2.3.4.1");
        assertThat(instance.at("/DICOM/001910F9").asText()).isEqualTo("97");
        assertThat(instance.at("/DICOMVRs/001910F9").asText()).isEqualTo("DS");
    }

    @Test
    void aLevelAttributeEditedAppliesToEveryInstanceIncludingThoseThatHadTheirOwnValue() {
        ObjectNode document = document();
        ObjectNode first = (ObjectNode) document.at("/Study/Series/1.2.3.4/Instances/1.2.3.4.1");
        ((ObjectNode) first.path("DICOM")).put("StudyDescription", "OWN");
        ((ObjectNode) first.path("DICOM"))
                .putArray("ProcedureCodeSequence")
                .addObject()
                .put("00291010", "AQI=");
        ((ObjectNode) first.path("DICOMVRs")).put("00081032.0.00291010", "OB");
        MetadataEdit edit = MetadataEdit.parse(
                bytes(update("\"Study\":{\"DICOM\":{\"StudyDescription\":\"NEW\"," + "\"ProcedureCodeSequence\":[]}}")),
                null);
        JsonNode instance =
                edit.apply(document, options(Set.NON_PRIMARY_FORCED)).at("/Study/Series/1.2.3.4/Instances/1.2.3.4.1");
        assertThat(instance.path("DICOM").has("StudyDescription")).isFalse();
        assertThat(instance.path("DICOM").has("ProcedureCodeSequence")).isFalse();
        assertThat(instance.path("DICOMVRs").has("00081032.0.00291010"))
                .as("VRs of the replaced items")
                .isFalse();
        assertThat(instance.at("/DICOMVRs/00091001").asText()).isEqualTo("LO");
    }

    @Test
    void theStudyPartCarriesOnlyStudyLevelAttributes() {
        MetadataEdit edit = MetadataEdit.parse(
                bytes(
                        update(
                                "\"Patient\":{\"DICOM\":{\"PatientName\":\"X\"}},"
                                        + "\"Study\":{\"DICOM\":{\"StudyDescription\":\"NEW\"},\"Series\":{\"1.2.3.4\":{\"DICOM\":{\"Modality\":\"CT\"}}}}")),
                null);
        ObjectNode edited = edit.studyPart().apply(document(), options(Set.PRIMARY));
        assertThat(edited.at("/Study/DICOM/StudyDescription").asText()).isEqualTo("NEW");
        assertThat(edited.at("/Patient/DICOM/PatientName").asText()).isEqualTo("DOE^JANE");
        assertThat(edited.at("/Study/Series/1.2.3.4/DICOM/Modality").asText()).isEqualTo("MR");
    }

    @Test
    void numbersNoEditTouchedAreWrittenBackExactly() throws IOException {
        MetadataEdit edit =
                MetadataEdit.parse(bytes(update("\"Study\":{\"DICOM\":{\"StudyDescription\":\"NEW\"}}")), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetadataTrees.write(out, edit.apply(document(), options(Set.PRIMARY)));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"RescaleSlope\":1.25000000000000000001");
    }

    @Test
    void anEditSurvivesItsJsonRoundTripForThePendingWork() {
        MetadataEdit edit = MetadataEdit.parse(
                bytes(update("\"Study\":{\"DICOM\":{\"StudyDescription\":\"NEW\"}}")),
                bytes("{\"Study\":{\"Series\":{\"1.2.3.4\":{\"Instances\":{\"1.2.3.4.2\":{}}}}}}"));
        assertThat(MetadataEdit.fromJson(edit.toJson()).apply(document(), options(Set.PRIMARY)))
                .isEqualTo(edit.apply(document(), options(Set.PRIMARY)));
    }

    private static String update(String body) {
        return "{\"SchemaVersion\":1.1," + body + "}";
    }

    private static MetadataEdit.Options options(Set set) {
        return new MetadataEdit.Options(set == Set.NON_PRIMARY_FORCED, set == Set.PRIMARY);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode document() {
        try {
            return MetadataTrees.read(new ByteArrayInputStream(bytes(DOCUMENT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
