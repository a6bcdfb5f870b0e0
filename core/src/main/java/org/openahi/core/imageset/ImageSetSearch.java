package org.openahi.core.imageset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.metadata.StudyDateTime;
import org.openahi.core.page.Cursor;
import org.openahi.core.page.Page;
import org.openahi.core.page.PageTokens;
import org.openahi.core.store.MetadataStore;

/**
 * SearchImageSets (AHI §10): up to two filters joined with AND — EQUAL on an identifier, on isPrimary or on a
 * study date (and time), BETWEEN on createdAt, updatedAt or study date and time, given as (lower, upper) —
 * sorted by updatedAt (newest first by default), createdAt or study date and time. DELETED image sets are not
 * found. Pages are keyset pages on the sort value; a token is bound to its data store, filters and sort.
 */
public final class ImageSetSearch {
    private static final Pattern STUDY_DATE = Pattern.compile("\\d{8}");
    private static final Pattern STUDY_TIME = Pattern.compile("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?");

    private final MetadataStore store;
    private final PageTokens pageTokens;

    public ImageSetSearch(MetadataStore store, PageTokens pageTokens) {
        this.store = store;
        this.pageTokens = pageTokens;
    }

    public enum Operator {
        EQUAL,
        BETWEEN
    }

    /** One value of a filter: exactly one attribute, as the model's union says. */
    public sealed interface Value {}

    /** An identifier: Patient ID, Accession Number, Study ID, Study or Series Instance UID. */
    public record Identifier(SearchQuery.Attribute attribute, String value) implements Value {}

    /** createdAt or updatedAt. */
    public record Time(SearchQuery.SortField field, Instant value) implements Value {}

    /** DICOMStudyDateAndTime: yyyyMMdd and an optional HHmmss.FFFFFF. */
    public record StudyDate(String date, Optional<String> time) implements Value {}

    public record Primary(boolean primary) implements Value {}

    public record Filter(Operator operator, List<Value> values) {}

    public record Sort(SearchQuery.SortField field, boolean ascending) {}

    /** AHI's default order: updatedAt, newest first. */
    public static final Sort DEFAULT_SORT = new Sort(SearchQuery.SortField.UPDATED_AT, false);

    public Page<SearchResult> search(
            String datastoreId, List<Filter> filters, Sort sort, int maxResults, Optional<String> nextToken) {
        List<SearchQuery.Condition> conditions = conditions(filters);
        String scope = "SearchImageSets|" + datastoreId + "|" + conditions + "|" + sort;
        Optional<Cursor> after = pageTokens.cursor(scope, nextToken);
        SearchQuery query =
                new SearchQuery(datastoreId, conditions, sort.field(), sort.ascending(), after, maxResults + 1);
        List<SearchResult> rows = store.read(tx -> {
            ImageSetReads.requireDatastore(tx, datastoreId);
            return tx.imageSets().search(query);
        });
        return pageTokens.page(
                rows,
                maxResults,
                scope,
                row -> new Cursor(sortValue(row, sort.field()), row.imageSet().id()));
    }

    private static List<SearchQuery.Condition> conditions(List<Filter> filters) {
        List<SearchQuery.Condition> conditions = new ArrayList<>();
        Set<String> attributes = new HashSet<>();
        for (Filter filter : filters) {
            String attribute = attributeOf(filter.values().get(0));
            if (filter.values().stream().anyMatch(value -> !attributeOf(value).equals(attribute))) {
                throw new InvalidRequest("The values of one filter must name the same attribute");
            }
            if (!attributes.add(attribute)) {
                throw new InvalidRequest("Two filters name " + attribute + "; combine them into one");
            }
            conditions.add(
                    switch (filter.operator()) {
                        case EQUAL -> equal(filter.values());
                        case BETWEEN -> between(filter.values());
                    });
        }
        return conditions;
    }

    private static SearchQuery.Condition equal(List<Value> values) {
        if (values.size() != 1) {
            throw new InvalidRequest("An EQUAL filter takes one value, not " + values.size());
        }
        return switch (values.get(0)) {
            case Identifier identifier -> new SearchQuery.Equals(identifier.attribute(), identifier.value());
            case Primary primary -> new SearchQuery.PrimaryIs(primary.primary());
            case StudyDate studyDate -> {
                long from = studyDateTime(studyDate);
                yield new SearchQuery.Between(
                        SearchQuery.SortField.STUDY_DATE_TIME, from, endOfPrecision(studyDate, from));
            }
            case Time time ->
                throw new InvalidRequest(attributeOf(time) + " is searched with BETWEEN (lowerBound, " + "upperBound)");
        };
    }

    private static SearchQuery.Condition between(List<Value> values) {
        if (values.size() != 2) {
            throw new InvalidRequest(
                    "A BETWEEN filter takes two values (lowerBound, upperBound), not " + values.size());
        }
        long from;
        long to;
        SearchQuery.SortField field;
        if (values.get(0) instanceof Time lower && values.get(1) instanceof Time upper) {
            field = lower.field();
            from = lower.value().toEpochMilli();
            to = upper.value().toEpochMilli();
        } else if (values.get(0) instanceof StudyDate lower && values.get(1) instanceof StudyDate upper) {
            field = SearchQuery.SortField.STUDY_DATE_TIME;
            from = studyDateTime(lower);
            to = studyDateTime(upper);
        } else {
            throw new InvalidRequest("BETWEEN applies to createdAt, updatedAt and DICOMStudyDateAndTime, not "
                    + attributeOf(values.get(0)));
        }
        if (from > to) {
            throw new InvalidRequest("The lowerBound of a BETWEEN filter is after its upperBound");
        }
        return new SearchQuery.Between(field, from, to);
    }

    private static long studyDateTime(StudyDate value) {
        if (!STUDY_DATE.matcher(value.date()).matches()) {
            throw new InvalidRequest("DICOMStudyDate '" + value.date() + "' is not a date yyyyMMdd");
        }
        if (value.time().isPresent() && !STUDY_TIME.matcher(value.time().get()).matches()) {
            throw new InvalidRequest("DICOMStudyTime '" + value.time().get() + "' is not a time HHmmss.FFFFFF");
        }
        return StudyDateTime.key(value.date(), value.time().orElse(null));
    }

    /** The last key an EQUAL study date (and time) covers: the whole day, or the whole of the time given. */
    private static long endOfPrecision(StudyDate value, long from) {
        int digits = value.time().map(time -> time.replace(".", "").length()).orElse(0);
        long span = 1;
        for (int i = Math.min(digits, 9); i < 9; i++) { // the key holds HHmmss and milliseconds: 9 digits
            span *= 10;
        }
        return from + span - 1;
    }

    private static long sortValue(SearchResult row, SearchQuery.SortField field) {
        return switch (field) {
            case UPDATED_AT -> row.imageSet().updatedAt().toEpochMilli();
            case CREATED_AT -> row.imageSet().createdAt().toEpochMilli();
            case STUDY_DATE_TIME -> row.summary().studyDateTime();
        };
    }

    private static String attributeOf(Value value) {
        return switch (value) {
            case Identifier identifier -> identifier.attribute().name();
            case Time time -> time.field() == SearchQuery.SortField.CREATED_AT ? "createdAt" : "updatedAt";
            case StudyDate studyDate -> "DICOMStudyDateAndTime";
            case Primary primary -> "isPrimary";
        };
    }
}
