package org.openahi.server.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cross-origin requests from browser pages (the AWS SDK for JavaScript, viewers on another origin) to the AHI API
 * and DICOMweb. Only origins named in {@code OPENAHI_CORS_ORIGINS} get CORS headers; by default none does, so a
 * browser keeps every other page's scripts out. A preflight is answered without authentication (browsers never send
 * credentials with one), but only for an allowed origin asking for methods and headers this server accepts. No
 * credentials (cookies) are allowed across origins: a cross-origin page authenticates each request itself, with
 * SigV4 or a bearer token.
 */
public final class Cors {
    /** Methods the API and DICOMweb answer. */
    static final String METHODS = "GET, HEAD, POST, PUT, DELETE";
    /**
     * Request headers a page may send: authentication (SigV4's Authorization and x-amz-*), content negotiation, and
     * what the AWS SDK for JavaScript v3 adds (amz-sdk-invocation-id, amz-sdk-request).
     */
    private static final Pattern ALLOWED_HEADER =
            Pattern.compile("authorization|accept|content-type|content-encoding|x-amz-[a-z0-9-]+|amz-sdk-[a-z0-9-]+");
    /** Response headers a page may read, besides the CORS-safelisted ones. */
    static final String EXPOSED = "ETag, x-amzn-RequestId, x-amzn-ErrorType, Content-Type, Content-Length, "
            + "Content-Encoding, Retry-After, WWW-Authenticate, Location";

    static final String MAX_AGE_SECONDS = "600";
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");

    private final Set<String> origins;
    private final boolean anyOrigin;

    /** @param origins allowed origins ({@code scheme://host[:port]}), or {@code *} for any */
    public Cors(List<String> origins) {
        this.anyOrigin = origins.contains("*");
        this.origins =
                Set.copyOf(origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList());
    }

    /** The problems with configured origins (each must be {@code scheme://host[:port]} or {@code *}). */
    public static List<String> problems(List<String> origins) {
        List<String> problems = new ArrayList<>();
        for (String origin : origins) {
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                problems.add("'" + origin + "' is not an origin (scheme://host[:port], no path) or *");
            }
        }
        return problems;
    }

    public boolean allows(String origin) {
        return origin != null && (anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT)));
    }

    /** Whether a request is a CORS preflight: OPTIONS with an Origin and Access-Control-Request-Method. */
    public static boolean isPreflight(String method, String origin, String requestMethod) {
        return "OPTIONS".equals(method) && origin != null && requestMethod != null;
    }

    /**
     * The preflight's answer headers, or empty when it is refused: the origin is not allowed, or it asks for a method
     * or header this server does not accept.
     */
    public Optional<Map<String, String>> preflight(String origin, String requestMethod, String requestHeaders) {
        if (!allows(origin) || !METHODS.contains(requestMethod.strip().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        List<String> headers = new ArrayList<>();
        if (requestHeaders != null) {
            for (String header : requestHeaders.split(",")) {
                String name = header.strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (!ALLOWED_HEADER.matcher(name).matches()) {
                    return Optional.empty();
                }
                headers.add(name);
            }
        }
        Map<String, String> answer = new LinkedHashMap<>(common(origin));
        answer.put("Access-Control-Allow-Methods", METHODS);
        if (!headers.isEmpty()) {
            answer.put("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        answer.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        return Optional.of(answer);
    }

    /** The headers an actual (non-preflight) response carries for {@code origin}; none when it is not allowed. */
    public Map<String, String> responseHeaders(String origin) {
        if (!allows(origin)) {
            return Map.of();
        }
        Map<String, String> answer = new LinkedHashMap<>(common(origin));
        answer.put("Access-Control-Expose-Headers", EXPOSED);
        return answer;
    }

    private static Map<String, String> common(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Vary", "Origin");
        return headers;
    }
}
