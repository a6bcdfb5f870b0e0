package org.openahi.server.dicomweb;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openahi.core.dicomweb.QidoLevel;
import org.openahi.core.dicomweb.QidoMatching;
import org.openahi.core.dicomweb.QidoRequest;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;

/**
 * A QIDO-RS request's query parameters (PS3.18 §8.3.4): matching keys by keyword or eight hex digits (read by
 * {@link QidoMatching}), {@code limit}, {@code offset}, {@code includefield} and {@code fuzzymatching}. Anything else
 * is a 400 naming it.
 */
final class QidoParameters {
    private static final Pattern TAG = Pattern.compile("[0-9A-Fa-f]{8}");

    private QidoParameters() {}

    /** @param acrossStudies whether the search is at the data store's root (study keys match too) */
    static QidoRequest parse(QidoLevel level, boolean acrossStudies, Map<String, List<String>> parameters) {
        List<QidoQuery.Match> matches = new ArrayList<>();
        int offset = 0;
        Optional<Integer> limit = Optional.empty();
        boolean fuzzy = false;
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String value = single(name, parameter.getValue());
            switch (name) {
                case "limit" -> limit = Optional.of(count(name, value, 1));
                case "offset" -> offset = count(name, value, 0);
                case "fuzzymatching" -> fuzzy = bool(name, value);
                case "includefield" -> parameter.getValue().forEach(QidoParameters::checkIncludeFields);
                default -> match(level, acrossStudies, name, value).ifPresent(matches::add);
            }
        }
        return QidoRequest.of(matches, offset, limit, fuzzy);
    }

    private static String single(String name, List<String> values) {
        if (values.size() > 1 && !name.equals("includefield")) {
            throw new InvalidRequest("Query parameter " + name + " is given " + values.size() + " times");
        }
        return values.get(0);
    }

    private static Optional<QidoQuery.Match> match(QidoLevel level, boolean acrossStudies, String name, String value) {
        int tag = tag(name).orElseThrow(() -> new InvalidRequest("Unknown query key " + name));
        return QidoMatching.condition(level, acrossStudies, tag, name, value);
    }

    /** A keyword (PatientID) or a tag as eight hex digits (00100020). */
    private static Optional<Integer> tag(String name) {
        if (TAG.matcher(name).matches()) {
            return Optional.of(HexFormat.fromHexDigits(name));
        }
        DictionaryEntry entry = Dictionary.forKeyword(name);
        return entry == null ? Optional.empty() : Optional.of(entry.tag());
    }

    private static int count(String name, String value, int minimum) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new InvalidRequest(
                "Query parameter " + name + " must be an integer of at least " + minimum + ", not '" + value + "'");
    }

    private static boolean bool(String name, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new InvalidRequest("Query parameter " + name + " must be true or false, not '" + value + "'");
        };
    }

    /** {@code all} or keywords / tags of the dictionary; what the index holds is returned either way. */
    private static void checkIncludeFields(String value) {
        for (String field : value.split(",")) {
            String name = field.strip();
            boolean known = name.equals("all")
                    || (TAG.matcher(name).matches()
                            ? Dictionary.entry(HexFormat.fromHexDigits(name)) != null
                            : Dictionary.forKeyword(name) != null);
            if (!known) {
                throw new InvalidRequest("includefield: unknown attribute '" + name + "'");
            }
        }
    }
}
