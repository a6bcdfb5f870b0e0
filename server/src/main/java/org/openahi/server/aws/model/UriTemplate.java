package org.openahi.server.aws.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request URI template such as {@code /datastore/{datastoreId}/imageSet/{imageSetId}/getImageSet}. Labels
 * match exactly one path segment of the raw (still percent-encoded) path, so an encoded {@code %2F} inside
 * an ARN label never splits it; the caller decodes label values after the match.
 */
public final class UriTemplate {
    private final String text;
    private final List<String> segments;

    public UriTemplate(String text) {
        if (!text.startsWith("/") || text.contains("?")) {
            throw new IllegalArgumentException("Unsupported request URI template: " + text);
        }
        this.text = text;
        this.segments = List.of(text.substring(1).split("/", -1));
        for (String segment : segments) {
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                throw new IllegalArgumentException("Greedy labels are not used by this model: " + text);
            }
        }
    }

    /** The raw label values when {@code rawPath} matches this template. */
    public Optional<Map<String, String>> match(List<String> rawSegments) {
        if (rawSegments.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String actual = rawSegments.get(i);
            if (isLabel(expected)) {
                if (actual.isEmpty()) {
                    return Optional.empty(); // restJson1 labels are never empty
                }
                labels.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(labels);
    }

    /** Splits a raw path into segments the way {@link #match} expects. */
    public static List<String> segments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        return new ArrayList<>(List.of(path.split("/", -1)));
    }

    public int literalSegments() {
        return (int) segments.stream().filter(segment -> !isLabel(segment)).count();
    }

    private static boolean isLabel(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    @Override
    public String toString() {
        return text;
    }
}
