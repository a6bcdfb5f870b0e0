package org.openahi.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.PersonName;
import org.openahi.dicom.charset.SpecificCharacterSet;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.Dcm2JsonGolden;
import org.openahi.testing.SharedCorpus;

/**
 * The character-set files of the corpus decode to the strings DCMTK gives (from the dcm2json golden): Chinese,
 * Korean, Cyrillic, Latin-1, Greek, Arabic, Hebrew. DCMTK as packaged by Debian (iconv) cannot convert ISO 2022
 * IR 87, so the Japanese files are checked against PS3.5 Annex H, whose examples H.3.1 and H.3.2 these files are
 * (and the item of chrSQEncoding, which dcm2json leaves unconverted). Our encoder must turn every decoded value back
 * into bytes that decode to the same text, and for the standard's own examples into the very same bytes.
 */
class CharacterSetCorpusIT {

    private static final String DIR = "pydicom/charset_files/";

    /** Patient Name as DCMTK decodes it (read from the golden, so that it is DCMTK's answer, not ours). */
    private static final List<String> DCMTK_DECODED = List.of(
            "chrX1.dcm",
            "chrX2.dcm",
            "chrI2.dcm",
            "chrKoreanMulti.dcm",
            "chrRuss.dcm",
            "chrFren.dcm",
            "chrFrenMulti.dcm",
            "chrGerm.dcm",
            "chrGreek.dcm",
            "chrArab.dcm",
            "chrHbrw.dcm");

    /** Patient Name in the Japanese files: PS3.5 Annex H, examples H.3.1 and H.3.2 and their parts. */
    private static final Map<String, String> STANDARD = Map.of(
            "chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう",
            "chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
            "chrJapMulti.dcm", "やまだ^たろう",
            "chrJapMultiExplicitIR6.dcm", "やまだ^たろう");

    /** Files whose bytes follow the standard's examples exactly, so re-encoding must reproduce them. */
    private static final List<String> EXACT_BYTES = List.of(
            "chrH31.dcm",
            "chrH32.dcm",
            "chrI2.dcm",
            "chrX1.dcm",
            "chrX2.dcm",
            "chrRuss.dcm",
            "chrFren.dcm",
            "chrGerm.dcm",
            "chrGreek.dcm",
            "chrArab.dcm",
            "chrHbrw.dcm",
            "chrJapMulti.dcm");

    @Test
    void patientNamesDecodeAsDcmtkAndTheStandardSay() throws Exception {
        Map<String, Dcm2JsonGolden.Record> golden = Dcm2JsonGolden.load();
        Map<String, String> checked = new LinkedHashMap<>();
        for (String file : DCMTK_DECODED) {
            Dataset dataset = DicomReader.read(SharedCorpus.dicom(DIR + file)).dataset();
            PersonName ours = dataset.get(Tag.PatientName)
                    .personNames(dataset.specificCharacterSet())
                    .get(0);
            JsonNode dcmtk = golden.get(DIR + file).json().at("/00100010/Value/0");
            assertThat(ours.alphabetic())
                    .as(file)
                    .isEqualTo(dcmtk.path("Alphabetic").asText());
            assertThat(ours.ideographic())
                    .as(file)
                    .isEqualTo(dcmtk.path("Ideographic").asText());
            assertThat(ours.phonetic())
                    .as(file)
                    .isEqualTo(dcmtk.path("Phonetic").asText());
            checked.put(file, ours.toString());
        }
        for (Map.Entry<String, String> expected : STANDARD.entrySet()) {
            Dataset dataset = DicomReader.read(SharedCorpus.dicom(DIR + expected.getKey()))
                    .dataset();
            assertThat(dataset.getString(Tag.PatientName)).as(expected.getKey()).isEqualTo(expected.getValue());
            checked.put(expected.getKey(), expected.getValue());
        }
        for (String file : List.of("chrSQEncoding.dcm", "chrSQEncoding1.dcm")) {
            Dataset item = DicomReader.read(SharedCorpus.dicom(DIR + file))
                    .dataset()
                    .get(Tag.RequestedProcedureCodeSequence)
                    .items()
                    .get(0);
            assertThat(item.getString(Tag.PatientName)).as(file).isEqualTo(STANDARD.get("chrH32.dcm"));
            checked.put(file + " item", item.getString(Tag.PatientName));
        }
        assertThat(DicomReader.read(SharedCorpus.dicom(DIR + "chrJapMulti.dcm"))
                        .dataset()
                        .getString(Tag.AdditionalPatientHistory))
                .isEqualTo("たろう");
        checked.forEach((file, name) -> System.out.println("character sets: " + file + " -> " + name));
        System.out.println("character sets: checked " + checked.size() + " names");
    }

    @Test
    void decodedTextEncodesBack() throws Exception {
        int values = 0;
        int exact = 0;
        for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
            if (!entry.path().startsWith(DIR)) {
                continue;
            }
            boolean standardBytes = EXACT_BYTES.contains(entry.path().substring(DIR.length()));
            int[] counts = encodeBack(
                    DicomReader.read(SharedCorpus.dicom(entry.path())).dataset(), standardBytes);
            values += counts[0];
            exact += counts[1];
        }
        System.out.println("character sets: " + values + " non-ASCII values re-encoded, " + exact
                + " of them to the identical bytes");
        assertThat(values).isGreaterThan(20);
    }

    private static int[] encodeBack(Dataset dataset, boolean standardBytes) throws Exception {
        int[] counts = new int[2];
        SpecificCharacterSet cs = dataset.specificCharacterSet();
        for (Element e : dataset) {
            if (e.isSequence()) {
                for (Dataset item : e.items()) {
                    int[] inner = encodeBack(item, standardBytes);
                    counts[0] += inner[0];
                    counts[1] += inner[1];
                }
                continue;
            }
            byte[] raw = e.inMemory() ? e.bytes() : null;
            if (raw == null || !e.vr().usesSpecificCharacterSet() || SpecificCharacterSet.isAscii(raw, 0, raw.length)) {
                continue;
            }
            String text = cs.decode(raw).stripTrailing();
            byte[] encoded = cs.encode(text);
            assertThat(cs.decode(encoded)).as("%s re-encoded", text).isEqualTo(text);
            counts[0]++;
            if (standardBytes) {
                assertThat(new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("bytes of %s", text)
                        .isEqualTo(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).stripTrailing());
                counts[1]++;
            }
        }
        return counts;
    }
}
