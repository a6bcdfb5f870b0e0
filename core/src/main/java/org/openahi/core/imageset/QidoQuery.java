package org.openahi.core.imageset;

import java.util.List;
import java.util.Optional;

/**
 * A QIDO-RS search of one level among a data store's live primary image sets: the study (and series) the path
 * names, the matching conditions (all must hold), and the page. Values are already validated.
 */
public record QidoQuery(
        String datastoreId,
        Optional<String> studyInstanceUid,
        Optional<String> seriesInstanceUid,
        List<Match> matches,
        int offset,
        int limit) {

    public QidoQuery {
        matches = List.copyOf(matches);
    }

    /** The attributes a search can match on (STUDY_TIME for C-FIND only: QIDO-RS does not take it). */
    public enum Key {
        PATIENT_ID,
        PATIENT_NAME,
        STUDY_INSTANCE_UID,
        STUDY_DATE,
        STUDY_TIME,
        ACCESSION_NUMBER,
        STUDY_ID,
        REFERRING_PHYSICIAN_NAME,
        MODALITIES_IN_STUDY,
        MODALITY,
        SERIES_INSTANCE_UID,
        SERIES_NUMBER,
        SOP_CLASS_UID,
        SOP_INSTANCE_UID,
        INSTANCE_NUMBER
    }

    /** A condition on one attribute. */
    public sealed interface Match {
        Key key();
    }

    /** The value is one of these (UID list, single value); integers for SERIES_NUMBER and INSTANCE_NUMBER. */
    public record AnyOf(Key key, List<String> values) implements Match {
        public AnyOf {
            values = List.copyOf(values);
        }
    }

    /**
     * The value matches a DICOM wildcard pattern ({@code *} any run, {@code ?} one character), ignoring case;
     * a pattern without wildcards is a case-insensitive single value.
     */
    public record Like(Key key, String pattern) implements Match {}

    /** The value lies in the inclusive range; an absent end is open. */
    public record InRange(Key key, Optional<String> from, Optional<String> to) implements Match {}
}
