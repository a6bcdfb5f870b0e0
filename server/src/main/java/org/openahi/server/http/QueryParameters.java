package org.openahi.server.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameters of a raw query string, percent-decoded, in order, with repeats kept. */
public final class QueryParameters {
    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static QueryParameters parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                try {
                    values.computeIfAbsent(Percent.decode(name), n -> new ArrayList<>())
                            .add(Percent.decode(value));
                } catch (IllegalArgumentException e) {
                    throw HttpError.serialization("Malformed query string: " + e.getMessage());
                }
            }
        }
        return new QueryParameters(values);
    }

    /** These parameters less a presigned URL's signature parameters ({@code X-Amz-*}), which address nothing. */
    public QueryParameters withoutSignature() {
        Map<String, List<String>> kept = new LinkedHashMap<>(values);
        kept.keySet().removeIf(name -> name.startsWith("X-Amz-"));
        return new QueryParameters(kept);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public Map<String, List<String>> asMap() {
        return values;
    }
}
