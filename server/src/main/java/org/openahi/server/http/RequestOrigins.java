package org.openahi.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scheme and host a client addressed ({@code https://archive.example.org}), for the absolute URLs the server
 * writes. Without trust in proxy headers: {@code http} and the {@code Host} header. With it (the operator says a
 * reverse proxy sets them, see docs/decisions.md): RFC 7239 {@code Forwarded} ({@code proto=}, {@code host=} of its
 * first element, the one the proxy nearest the client wrote), else {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host} (their first values). A value that is not a scheme or a host is not used.
 */
public final class RequestOrigins {
    private static final Pattern HOST =
            Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    private final boolean trustProxyHeaders;

    public RequestOrigins(boolean trustProxyHeaders) {
        this.trustProxyHeaders = trustProxyHeaders;
    }

    /** {@code scheme://host[:port]}, no trailing slash. */
    public String origin(RawRequest request) {
        Optional<String> scheme = Optional.empty();
        Optional<String> host = Optional.empty();
        if (trustProxyHeaders) {
            Optional<String> forwarded = first(request, "forwarded");
            if (forwarded.isPresent()) {
                scheme = forwardedParameter(forwarded.get(), "proto");
                host = forwardedParameter(forwarded.get(), "host");
            } else {
                scheme = first(request, "x-forwarded-proto");
                host = first(request, "x-forwarded-host");
            }
        }
        String chosenScheme = scheme.map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> s.equals("http") || s.equals("https"))
                .orElse("http");
        String chosenHost = host.filter(RequestOrigins::isHost)
                .or(() -> Optional.ofNullable(request.header("host")).filter(RequestOrigins::isHost))
                .orElse("localhost");
        return chosenScheme + "://" + chosenHost;
    }

    private static boolean isHost(String text) {
        return HOST.matcher(text).matches();
    }

    /** The first comma-separated item of the header's first line, trimmed. */
    private static Optional<String> first(RawRequest request, String header) {
        List<String> values = request.headerValues().apply(header);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0);
        int comma = value.indexOf(',');
        String item = (comma < 0 ? value : value.substring(0, comma)).strip();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * A parameter of {@code Forwarded}'s first element ({@code for=..;proto=https;host=example.org}), unquoted. A
     * quoted value holding a comma or semicolon cannot be a scheme or a host, so splitting on them first is safe.
     */
    private static Optional<String> forwardedParameter(String element, String name) {
        for (String pair : element.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase(name)) {
                String value = pair.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
