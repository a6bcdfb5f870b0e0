package org.openahi.server.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openahi.server.http.StreamingPayload;
import org.openahi.server.http.WireResponse;

/** Files of a page tree, from the class path (openahi's own pages) or a folder (the installed viewer). */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("map", "application/json"));

    private StaticFiles() {}

    /** Whether a relative path stays inside its tree: no empty, "." or ".." segment, no backslash. */
    static boolean safe(String relative) {
        if (relative.contains("\\") || relative.contains("%")) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        return TYPES.getOrDefault(
                dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }

    /** A class path resource under {@code root} (e.g. {@code org/openahi/server/browser/ui}). */
    static Optional<WireResponse> resource(String root, String relative) {
        if (!safe(relative)) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(root + "/" + relative)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new WireResponse(
                    200,
                    Map.of("Content-Type", contentType(relative), "Cache-Control", "no-cache"),
                    in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file under {@code root}, streamed. */
    static Optional<WireResponse> file(Path root, String relative, String cacheControl) {
        if (!safe(relative)) {
            return Optional.empty();
        }
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long length = Files.size(file);
            return Optional.of(new WireResponse(
                    200,
                    Map.of("Content-Type", contentType(relative), "Cache-Control", cacheControl),
                    null,
                    new StreamingPayload(Files.newInputStream(file), length)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
