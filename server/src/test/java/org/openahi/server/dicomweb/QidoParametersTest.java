package org.openahi.server.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openahi.core.dicomweb.QidoLevel;
import org.openahi.core.dicomweb.QidoRequest;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoQuery.Key;

class QidoParametersTest {

    @Test
    void singleValuesListsAndWildcards() {
        assertThat(matches(QidoLevel.STUDY, "PatientID", "P1"))
                .containsExactly(new QidoQuery.AnyOf(Key.PATIENT_ID, List.of("P1")));
        assertThat(matches(QidoLevel.STUDY, "00100020", "P*"))
                .containsExactly(new QidoQuery.Like(Key.PATIENT_ID, "P*"));
        assertThat(matches(QidoLevel.STUDY, "PatientName", "Doe^Jane"))
                .containsExactly(new QidoQuery.Like(Key.PATIENT_NAME, "Doe^Jane"));
        assertThat(matches(QidoLevel.STUDY, "StudyInstanceUID", "1.2.3,1.2.4\\1.2.5"))
                .containsExactly(new QidoQuery.AnyOf(Key.STUDY_INSTANCE_UID, List.of("1.2.3", "1.2.4", "1.2.5")));
        assertThat(matches(QidoLevel.STUDY, "ModalitiesInStudy", "CT\\MR"))
                .containsExactly(new QidoQuery.AnyOf(Key.MODALITIES_IN_STUDY, List.of("CT", "MR")));
        assertThat(matches(QidoLevel.STUDY, "ModalitiesInStudy", "M?"))
                .containsExactly(new QidoQuery.Like(Key.MODALITIES_IN_STUDY, "M?"));
        assertThat(matches(QidoLevel.SERIES, "SeriesNumber", "+007"))
                .containsExactly(new QidoQuery.AnyOf(Key.SERIES_NUMBER, List.of("7")));
    }

    @Test
    void studyKeysMatchSeriesAndInstancesAcrossStudiesOnly() {
        Map<String, List<String>> byPatient = Map.of("PatientID", List.of("P1"));
        assertThat(QidoParameters.parse(QidoLevel.SERIES, true, byPatient).matches())
                .containsExactly(new QidoQuery.AnyOf(Key.PATIENT_ID, List.of("P1")));
        assertThat(QidoParameters.parse(QidoLevel.INSTANCE, true, byPatient).matches())
                .hasSize(1);
        assertThatThrownBy(() -> QidoParameters.parse(QidoLevel.INSTANCE, false, byPatient))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("PatientID is not supported when searching instances within a study");
        assertThatThrownBy(() -> QidoParameters.parse(QidoLevel.STUDY, false, Map.of("Modality", List.of("CT"))))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageEndingWith("Query key Modality is not supported when searching studies");
    }

    @Test
    void universalMatchingFiltersNothing() {
        assertThat(matches(QidoLevel.STUDY, "PatientName", "")).isEmpty();
        assertThat(matches(QidoLevel.STUDY, "AccessionNumber", "*")).isEmpty();
    }

    @Test
    void dateRanges() {
        assertThat(matches(QidoLevel.STUDY, "StudyDate", "20240102"))
                .containsExactly(
                        new QidoQuery.InRange(Key.STUDY_DATE, Optional.of("20240102"), Optional.of("20240102")));
        assertThat(matches(QidoLevel.STUDY, "StudyDate", "20240101-20240131"))
                .containsExactly(
                        new QidoQuery.InRange(Key.STUDY_DATE, Optional.of("20240101"), Optional.of("20240131")));
        assertThat(matches(QidoLevel.STUDY, "StudyDate", "-20240131"))
                .containsExactly(new QidoQuery.InRange(Key.STUDY_DATE, Optional.empty(), Optional.of("20240131")));
        assertThat(matches(QidoLevel.STUDY, "StudyDate", "20240101-"))
                .containsExactly(new QidoQuery.InRange(Key.STUDY_DATE, Optional.of("20240101"), Optional.empty()));
        for (String bad : List.of("-", "2024", "20240230", "2024-01-01", "20240101-2024013x")) {
            assertThatThrownBy(() -> matches(QidoLevel.STUDY, "StudyDate", bad))
                    .isInstanceOf(InvalidRequest.class)
                    .hasMessageContaining("StudyDate");
        }
    }

    @Test
    void keysBelongToTheirLevel() {
        assertThat(matches(QidoLevel.INSTANCE, "Modality", "CT")).hasSize(1);
        assertThat(matches(QidoLevel.INSTANCE, "InstanceNumber", "3")).hasSize(1);
        assertThatThrownBy(() -> matches(QidoLevel.SERIES, "PatientID", "x"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("PatientID");
        assertThatThrownBy(() -> matches(QidoLevel.STUDY, "SOPInstanceUID", "1.2"))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> matches(QidoLevel.STUDY, "PatientWeight", "70"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("Unknown query key PatientWeight");
        assertThatThrownBy(() -> matches(QidoLevel.STUDY, "NoSuchKeyword", "1"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("Unknown query key NoSuchKeyword");
        assertThatThrownBy(() -> matches(QidoLevel.STUDY, "StudyInstanceUID", "1.2.x"))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> matches(QidoLevel.SERIES, "SeriesNumber", "1.5"))
                .isInstanceOf(InvalidRequest.class);
    }

    @Test
    void pagesAreCappedAtTenThousand() {
        QidoRequest none = parse(Map.of());
        assertThat(none.offset()).isZero();
        assertThat(none.limit()).isEqualTo(10_000);
        QidoRequest page = parse(Map.of("limit", List.of("100"), "offset", List.of("9950")));
        assertThat(page.limit()).isEqualTo(50);
        assertThat(page.endsAtCap()).isTrue();
        assertThat(parse(Map.of("offset", List.of("20000"))).limit()).isZero();
        assertThat(parse(Map.of("limit", List.of("10"))).endsAtCap()).isFalse();
        for (Map<String, List<String>> bad : List.of(
                Map.of("limit", List.of("0")),
                Map.of("limit", List.of("x")),
                Map.of("offset", List.of("-1")),
                Map.of("limit", List.of("1", "2")))) {
            assertThatThrownBy(() -> parse(bad)).isInstanceOf(InvalidRequest.class);
        }
    }

    @Test
    void includeFieldAndFuzzyMatching() {
        assertThat(parse(Map.of("includefield", List.of("all"), "fuzzymatching", List.of("false")))
                        .fuzzyMatchingRequested())
                .isFalse();
        assertThat(parse(Map.of(
                                "includefield",
                                List.of("PatientAge,00101010", "StudyTime"),
                                "fuzzymatching",
                                List.of("true")))
                        .fuzzyMatchingRequested())
                .isTrue();
        assertThatThrownBy(() -> parse(Map.of("includefield", List.of("NotAnAttribute"))))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("NotAnAttribute");
        assertThatThrownBy(() -> parse(Map.of("fuzzymatching", List.of("maybe"))))
                .isInstanceOf(InvalidRequest.class);
    }

    private static List<QidoQuery.Match> matches(QidoLevel level, String key, String value) {
        return QidoParameters.parse(level, false, Map.of(key, List.of(value))).matches();
    }

    private static QidoRequest parse(Map<String, List<String>> parameters) {
        return QidoParameters.parse(QidoLevel.STUDY, false, new LinkedHashMap<>(parameters));
    }
}
