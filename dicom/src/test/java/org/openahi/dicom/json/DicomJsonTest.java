package org.openahi.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;

class DicomJsonTest {

    private static final DicomJsonReader.BulkDataResolver NONE = uri -> null;

    private static Dataset sample() {
        Dataset ds = new Dataset();
        ds.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.putStrings(Tag.ImageType, VR.CS, "ORIGINAL", "", "AXIAL");
        ds.putStrings(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "", "Doe^^^^");
        ds.putStrings(Tag.ImagePositionPatient, VR.DS, "+1.50", ".5", "-007");
        ds.putStrings(Tag.NumberOfFrames, VR.IS, "1A");
        ds.putLongs(Tag.Rows, VR.US, 65535);
        ds.putLongs(Tag.FrameIncrementPointer, VR.AT, Tag.FrameTime);
        ds.putDoubles(Tag.DiffusionBValue, VR.FD, 0.1, Double.NaN);
        ds.putLongs(Tags.of(0x0009, 0x1001), VR.UV, -1L);
        ds.putStrings(Tag.PatientComments, VR.LT, "  leading spaces stay\\no split");
        ds.putSequence(Tag.AnatomicRegionSequence).addItem().putStrings(Tag.CodeValue, VR.SH, "T-A0100");
        ds.putSequence(Tag.ProcedureCodeSequence);
        ds.put(Element.of(Tags.of(0x0009, 0x1002), VR.OB, new byte[] {1, 2, 3}));
        ds.putStrings(Tag.ReferringPhysicianName, VR.PN, "^^^^");
        return ds;
    }

    @Test
    void writesTheJsonModelOfPs318AnnexF() throws Exception {
        assertThat(DicomJsonWriter.toJson(sample(), BulkDataPolicy.inline()))
                .isEqualTo("{"
                        + "\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]},"
                        + "\"00080008\":{\"vr\":\"CS\",\"Value\":[\"ORIGINAL\",null,\"AXIAL\"]},"
                        + "\"00080090\":{\"vr\":\"PN\"},"
                        + "\"00081032\":{\"vr\":\"SQ\"},"
                        + "\"00082218\":{\"vr\":\"SQ\",\"Value\":[{\"00080100\":{\"vr\":\"SH\",\"Value\":[\"T-A0100\"]}}]},"
                        + "\"00091001\":{\"vr\":\"UV\",\"Value\":[18446744073709551615]},"
                        + "\"00091002\":{\"vr\":\"OB\",\"InlineBinary\":\"AQID\"},"
                        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\","
                        + "\"Phonetic\":\"やまだ^たろう\"},null,{\"Alphabetic\":\"Doe\"}]},"
                        + "\"00104000\":{\"vr\":\"LT\",\"Value\":[\"  leading spaces stay\\\\no split\"]},"
                        + "\"00189087\":{\"vr\":\"FD\",\"Value\":[0.1,\"NaN\"]},"
                        + "\"00200032\":{\"vr\":\"DS\",\"Value\":[1.50,0.5,-7]},"
                        + "\"00280008\":{\"vr\":\"IS\",\"Value\":[\"1A\"]},"
                        + "\"00280009\":{\"vr\":\"AT\",\"Value\":[\"00181063\"]},"
                        + "\"00280010\":{\"vr\":\"US\",\"Value\":[65535]}}");
    }

    @Test
    void readingWhatWasWrittenGivesTheSameJson() throws Exception {
        String json = DicomJsonWriter.toJson(sample(), BulkDataPolicy.inline());
        Dataset read = DicomJsonReader.read(json, NONE);
        assertThat(DicomJsonWriter.toJson(read, BulkDataPolicy.inline())).isEqualTo(json);
        assertThat(read.get(Tag.ImagePositionPatient).doubles()).containsExactly(1.5, 0.5, -7);
        assertThat(DicomJsonReader.readAll("[" + json + "," + json + "]", NONE)).hasSize(2);
        assertThat(DicomJsonReader.read(new StringReader(json), NONE).size()).isEqualTo(read.size());
    }

    @Test
    void bulkDataGoesByUriWhenThePolicySaysSo() throws Exception {
        Dataset ds = new Dataset();
        ds.put(Element.of(Tags.of(0x0009, 0x1002), VR.OB, new byte[2000]));
        ds.put(Element.of(Tags.of(0x0009, 0x1003), VR.OB, new byte[10]));
        ds.putSequence(Tag.IconImageSequence).addItem().put(Element.of(Tag.PixelData, VR.OW, new byte[5000]));
        ds.put(Element.of(Tag.PixelData, VR.OB, Fragments.ofFrames(List.of(BulkData.of(new byte[4])))));
        String json = DicomJsonWriter.toJson(ds, BulkDataPolicy.uriAbove(1024, "https://x/bulk/"));
        assertThat(json)
                .contains("\"00091002\":{\"vr\":\"OB\",\"BulkDataURI\":\"https://x/bulk/00091002\"}")
                .contains("\"00091003\":{\"vr\":\"OB\",\"InlineBinary\":\"AAAAAAAAAAAAAA==\"}")
                .contains("\"BulkDataURI\":\"https://x/bulk/00880200/0/7FE00010\"")
                .contains("\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"https://x/bulk/7FE00010\"}");
        assertThat(DicomJsonWriter.toJson(ds, BulkDataPolicy.inline())).contains("\"7FE00010\":{\"vr\":\"OB\"}");
        byte[] resolved = {9, 8};
        Dataset read = DicomJsonReader.read(
                json.replace(",\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":" + "\"https://x/bulk/7FE00010\"}", ""),
                uri -> uri.endsWith("00091002") ? BulkData.of(resolved) : BulkData.of(new byte[0]));
        assertThat(read.get(Tags.of(0x0009, 0x1002)).bulkData().readAllBytes()).isEqualTo(resolved);
    }

    @Test
    void textTheCharacterSetCannotHoldSwitchesTheDocumentToUtf8() throws Exception {
        String json = "{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Jérôme\"}]},"
                + "\"00082218\":{\"vr\":\"SQ\",\"Value\":[{\"00080104\":{\"vr\":\"LO\",\"Value\":[\"山\"]}}]}}";
        Dataset read = DicomJsonReader.read(json, NONE);
        assertThat(read.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
        assertThat(read.getString(Tag.PatientName)).isEqualTo("Jérôme");
        assertThat(read.get(Tag.AnatomicRegionSequence).items().get(0).getString(Tag.CodeMeaning))
                .isEqualTo("山");
        Dataset latin = DicomJsonReader.read(json.replace("山", "e"), NONE);
        assertThat(latin.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
        assertThat(latin.get(Tag.PatientName).bytes()).hasSize(6);
    }

    @Test
    void badDocumentsNameThePlace() {
        Map<String, String> bad = Map.of(
                "{\"0010001\":{\"vr\":\"PN\"}}", "eight hex digits",
                "{\"00100010\":{\"vr\":\"XX\"}}", "invalid \"vr\"",
                "{\"00280010\":{\"vr\":\"US\",\"Value\":[70000]}}", "out of range",
                "{\"00280010\":{\"vr\":\"US\",\"Value\":[1.5]}}", "not an integer",
                "{\"00091002\":{\"vr\":\"OB\",\"InlineBinary\":\"**\"}}", "not base64",
                "{\"00091002\":{\"vr\":\"OB\",\"BulkDataURI\":\"x\"}}", "cannot be resolved",
                "{\"00091002\":{\"vr\":\"OB\",\"Value\":[1]}}", "InlineBinary or BulkDataURI",
                "{\"00080008\":{\"vr\":\"CS\",\"Value\":[\"a\\\\b\"]}}", "delimiter",
                "{\"00080008\":{\"vr\":\"CS\",\"Value\":[\"é\"]}}", "non-ASCII",
                "{\"00100010\": ", "unexpected end of JSON");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            assertThatThrownBy(() -> DicomJsonReader.read(b.getKey(), NONE))
                    .as(b.getKey())
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining(b.getValue());
        }
        assertThatThrownBy(() -> DicomJsonReader.read(
                        "{\"00082218\":{\"vr\":\"SQ\",\"Value\":[{\"00280010\":{\"vr\":\"US\",\"Value\":[\"x\"]}}]}}",
                        NONE))
                .isInstanceOf(DicomParseException.class)
                .satisfies(
                        e -> assertThat(((DicomParseException) e).tagPath()).isEqualTo("(0008,2218)[0].(0028,0010)"));
        assertThatThrownBy(() -> DicomJsonReader.read("[".repeat(100_000), NONE))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void numbersAsDicomJsonWantsThem() {
        assertThat(JsonNumbers.decimal("+1.50")).isEqualTo("1.50");
        assertThat(JsonNumbers.decimal(".5")).isEqualTo("0.5");
        assertThat(JsonNumbers.decimal("5.")).isEqualTo("5");
        assertThat(JsonNumbers.decimal("-007")).isEqualTo("-7");
        assertThat(JsonNumbers.decimal("1.5E+02")).isEqualTo("1.5e+02");
        assertThat(JsonNumbers.decimal("1e")).isNull();
        assertThat(JsonNumbers.decimal("abc")).isNull();
        assertThat(JsonNumbers.integer("12")).isEqualTo("12");
        assertThat(JsonNumbers.integer("1.2")).isNull();
    }
}
