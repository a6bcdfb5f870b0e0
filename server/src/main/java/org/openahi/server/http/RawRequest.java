package org.openahi.server.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parts of an HTTP request that SigV4 covers, exactly as they arrived: the raw (encoded) path and
 * query, header values by lower-case name, and the body — in memory, or, for a STOW-RS upload, spooled to a
 * file ({@code body} is then empty).
 */
public record RawRequest(
        String method,
        String rawPath,
        String rawQuery,
        Function<String, List<String>> headerValues,
        byte[] body,
        Optional<SpooledBody> spooled) {

    /**
     * A body written to a temporary file as it arrived, with its size and, when a signature covers the body, its
     * SHA-256 (hex) computed on the way.
     */
    public record SpooledBody(Path file, long size, Optional<String> sha256Hex) {}

    public RawRequest(
            String method, String rawPath, String rawQuery, Function<String, List<String>> headerValues, byte[] body) {
        this(method, rawPath, rawQuery, headerValues, body, Optional.empty());
    }

    public String header(String lowerCaseName) {
        List<String> values = headerValues.apply(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
