package org.openahi.core.dicomweb;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.dicom.Tags;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;

/**
 * QIDO-RS's matching rules (PS3.18 §8.3.4, PS3.4 C.2.2.2), for every way a query arrives (DICOMweb query parameters,
 * the DICOM listener's C-FIND identifiers): the attributes matched on, the reading of values (wildcards, date ranges,
 * UID and code lists) and the conditions they put on the index.
 */
public final class QidoMatching {
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private QidoMatching() {}

    /** Whether QIDO-RS matches on the attribute. */
    public static boolean matches(int tag) {
        return QidoAttribute.of(tag).isPresent();
    }

    /**
     * The condition a value of the attribute puts on the index, or empty for universal matching (an empty value or
     * {@code *}).
     *
     * @throws IllegalArgumentException when QIDO-RS does not match on the attribute
     * @throws org.openahi.core.error.InvalidRequest when the value cannot be read (a date that is none, say)
     */
    public static Optional<QidoQuery.Match> condition(int tag, String value) {
        QidoAttribute attribute = QidoAttribute.of(tag)
                .orElseThrow(() -> new IllegalArgumentException(Tags.format(tag) + " is not a QIDO-RS matching key"));
        DictionaryEntry entry = Dictionary.entry(tag);
        return condition(attribute, entry == null ? Tags.format(tag) : entry.keyword(), value);
    }

    /**
     * The condition a value puts on the index when a search at {@code level} (within a study, or across studies)
     * names the attribute as {@code name}; InvalidRequest naming it when the search does not match on it or the value
     * cannot be read.
     */
    public static Optional<QidoQuery.Match> condition(
            QidoLevel level, boolean acrossStudies, int tag, String name, String value) {
        QidoAttribute attribute =
                QidoAttribute.of(tag).orElseThrow(() -> new InvalidRequest("Unknown query key " + name));
        if (!level.accepts(attribute, acrossStudies)) {
            String searched = switch (level) {
                case STUDY -> "studies";
                case SERIES -> "series";
                case INSTANCE -> "instances";
            };
            throw new InvalidRequest("Query key " + name + " is not supported when searching " + searched
                    + (acrossStudies || level == QidoLevel.STUDY ? "" : " within a study"));
        }
        return condition(attribute, name, value);
    }

    /**
     * The condition a value of the attribute puts on the index, or empty for universal matching (an empty value or
     * {@code *}); InvalidRequest, naming {@code name}, when the value cannot be read.
     */
    private static Optional<QidoQuery.Match> condition(QidoAttribute attribute, String name, String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.equals("*")) {
            return Optional.empty(); // universal matching: the attribute is returned, nothing is filtered
        }
        QidoQuery.Key key = attribute.key;
        return Optional.of(
                switch (attribute.matching) {
                    case PERSON_NAME -> new QidoQuery.Like(key, trimmed);
                    case TEXT ->
                        isWildcard(trimmed)
                                ? new QidoQuery.Like(key, trimmed)
                                : new QidoQuery.AnyOf(key, List.of(trimmed));
                    case CODE_LIST ->
                        isWildcard(trimmed)
                                ? new QidoQuery.Like(key, trimmed)
                                : new QidoQuery.AnyOf(key, list(trimmed));
                    case UID_LIST -> new QidoQuery.AnyOf(key, checked(name, list(trimmed), UID, "a UID"));
                    case INTEGER_LIST ->
                        new QidoQuery.AnyOf(
                                key,
                                checked(name, list(trimmed), INTEGER, "an integer").stream()
                                        .map(number -> Long.toString(
                                                Long.parseLong(number.startsWith("+") ? number.substring(1) : number)))
                                        .toList());
                    case DATE -> dateRange(key, name, trimmed);
                });
    }

    private static boolean isWildcard(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split("[,\\\\]"))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static List<String> checked(String name, List<String> values, Pattern pattern, String what) {
        for (String item : values) {
            if (!pattern.matcher(item).matches()) {
                throw new InvalidRequest("Query key " + name + ": '" + item + "' is not " + what);
            }
        }
        return values;
    }

    /** {@code a}, {@code a-b}, {@code -b} or {@code a-}, each yyyyMMdd. */
    private static QidoQuery.InRange dateRange(QidoQuery.Key key, String name, String value) {
        int dash = value.indexOf('-');
        if (dash < 0) {
            String date = date(name, value);
            return new QidoQuery.InRange(key, Optional.of(date), Optional.of(date));
        }
        String from = value.substring(0, dash).strip();
        String to = value.substring(dash + 1).strip();
        if (from.isEmpty() && to.isEmpty()) {
            throw new InvalidRequest("Query key " + name + ": a range needs at least one date (yyyyMMdd)");
        }
        return new QidoQuery.InRange(
                key,
                from.isEmpty() ? Optional.empty() : Optional.of(date(name, from)),
                to.isEmpty() ? Optional.empty() : Optional.of(date(name, to)));
    }

    private static String date(String name, String value) {
        try {
            LocalDate.parse(value, DATE);
            return value;
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("Query key " + name + ": '" + value + "' is not a date (yyyyMMdd)");
        }
    }
}
