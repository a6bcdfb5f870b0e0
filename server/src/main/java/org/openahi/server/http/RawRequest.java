package org.openahi.server.http;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parts of an HTTP request that SigV4 covers, exactly as they arrived: the raw (encoded) path and
 * query, header values by lower-case name, and the body — or, for a STOW-RS upload, the body as spooled
 * ({@link SpooledBody}; {@code body} is then empty).
 */
public record RawRequest(
        String method,
        String rawPath,
        String rawQuery,
        Function<String, List<String>> headerValues,
        byte[] body,
        Optional<SpooledBody> spooled) {

    public RawRequest(
            String method, String rawPath, String rawQuery, Function<String, List<String>> headerValues, byte[] body) {
        this(method, rawPath, rawQuery, headerValues, body, Optional.empty());
    }

    public String header(String lowerCaseName) {
        List<String> values = headerValues.apply(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
