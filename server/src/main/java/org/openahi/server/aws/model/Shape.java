package org.openahi.server.aws.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One shape of the service model with the constraints the server enforces. Patterns are matched against
 * the whole value (the model's patterns are written as whole-value patterns: ids, ARNs, tag keys).
 */
public record Shape(
        String name,
        Type type,
        Map<String, Member> members,
        Set<String> required,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        Optional<Pattern> pattern,
        List<String> enumValues,
        Optional<String> listMember,
        Optional<String> mapKey,
        Optional<String> mapValue,
        Optional<String> payloadMember,
        boolean union,
        boolean sensitive,
        Optional<Integer> errorStatus) {

    public enum Type {
        STRUCTURE,
        STRING,
        INTEGER,
        LONG,
        BOOLEAN,
        BLOB,
        TIMESTAMP,
        LIST,
        MAP,
        FLOAT,
        DOUBLE;

        static Type of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Where a structure member travels on the wire. */
    public enum Location {
        BODY,
        URI,
        QUERYSTRING,
        HEADER
    }

    public record Member(String name, String shape, Location location, String locationName, boolean idempotencyToken) {}

    public boolean isError() {
        return errorStatus.isPresent();
    }
}
