package org.openahi.core.imageset;

import java.util.List;
import java.util.Optional;
import org.openahi.core.page.Cursor;

/**
 * A SearchImageSets query over one data store's image sets that are not DELETED: conditions joined with AND,
 * one sort, and where the previous page ended.
 */
public record SearchQuery(
        String datastoreId,
        List<Condition> conditions,
        SortField sortField,
        boolean ascending,
        Optional<Cursor> after,
        int limit) {

    /** The fields SearchImageSets sorts by; each is a number in the index. */
    public enum SortField {
        UPDATED_AT,
        CREATED_AT,
        STUDY_DATE_TIME
    }

    /** One condition of a filter. */
    public sealed interface Condition {}

    /** An attribute equal to a value. */
    public record Equals(Attribute attribute, String value) implements Condition {}

    /** A sortable field within [from, to]. */
    public record Between(SortField field, long from, long to) implements Condition {}

    public record PrimaryIs(boolean primary) implements Condition {}

    /** The attributes SearchImageSets matches exactly. */
    public enum Attribute {
        PATIENT_ID,
        ACCESSION_NUMBER,
        STUDY_ID,
        STUDY_INSTANCE_UID,
        SERIES_INSTANCE_UID
    }
}
