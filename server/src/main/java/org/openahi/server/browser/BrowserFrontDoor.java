package org.openahi.server.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.error.NotFound;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.imageset.VersionAuthor;
import org.openahi.server.history.VersionAuthors;
import org.openahi.server.http.Answer;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.RawRequest;
import org.openahi.server.http.RequestOrigins;
import org.openahi.server.http.WireResponse;

/**
 * What the HTTP front door hands to the browser side: CORS (preflights and response headers), sign-in sessions at
 * {@value #SESSION_PATH}, the history extension under {@value #HISTORY_PREFIX}, openahi's own pages under
 * {@value #UI_PREFIX} and the bundled viewer under {@link Viewer#PREFIX}. The pages hold no data: everything they
 * show comes through the API and DICOMweb, authenticated by the session.
 */
public final class BrowserFrontDoor {
    public static final String SESSION_PATH = "/_openahi/session";
    /** {@code GET /_openahi/history/datastore/{id}/imageSet/{id}}: who made each version. */
    public static final String HISTORY_PREFIX = "/_openahi/history/";

    static final String UI_PREFIX = "/ui/";
    private static final String UI_RESOURCES = "org/openahi/server/browser/ui";
    private static final Pattern HISTORY =
            Pattern.compile("^" + HISTORY_PREFIX + "datastore/([a-z0-9]{32})/imageSet/([a-z0-9]{32})$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the pages need of the rest of the server. */
    public interface Data {
        /** The ACTIVE data stores, for the viewer's data sources. */
        List<Datastore> activeDatastores();

        /** Fails with a not-found error when the image set is not in the data store. */
        void requireImageSet(String datastoreId, String imageSetId);
    }

    private final Cors cors;
    private final Authentication auth;
    private final VersionAuthors authors;
    private final Data data;
    private final Optional<Viewer> viewer;
    private final String region;
    private final RequestOrigins origins;

    /**
     * @param viewerDirectory the installed viewer (empty or not installed: /viewer/ says how to install it)
     * @param origins the scheme a client addressed, so that a session cookie given over HTTPS is {@code Secure}
     */
    public BrowserFrontDoor(
            Cors cors,
            Authentication auth,
            VersionAuthors authors,
            Data data,
            Optional<Path> viewerDirectory,
            String region,
            RequestOrigins origins) {
        this.cors = cors;
        this.auth = auth;
        this.authors = authors;
        this.data = data;
        this.viewer = viewerDirectory.filter(Viewer::installed).map(Viewer::new);
        this.region = region;
        this.origins = origins;
    }

    public Cors cors() {
        return cors;
    }

    public boolean viewerInstalled() {
        return viewer.isPresent();
    }

    /** Whether the path is one of the browser side's (pages, sessions, the history extension). */
    public static boolean owns(String rawPath) {
        return rawPath.equals("/")
                || rawPath.equals("/ui")
                || rawPath.startsWith(UI_PREFIX)
                || rawPath.equals("/viewer")
                || rawPath.startsWith(Viewer.PREFIX)
                || rawPath.equals(SESSION_PATH)
                || rawPath.startsWith(HISTORY_PREFIX);
    }

    /** A preflight's answer: 204 with the CORS headers, or 403 when the origin, method or a header is not allowed. */
    public WireResponse preflight(String origin, String requestMethod, String requestHeaders) {
        return cors.preflight(origin, requestMethod, requestHeaders)
                .map(headers -> new WireResponse(204, headers, new byte[0]))
                .orElseGet(() -> json(
                        403,
                        message("CORS preflight refused: origin " + origin + " may not send "
                                + requestMethod + (requestHeaders == null ? "" : " with headers " + requestHeaders)
                                + " (allowed origins are set by OPENAHI_CORS_ORIGINS)")));
    }

    /** Answers a request for one of {@link #owns}'s paths. */
    public Answer handle(RawRequest request, String requestId) {
        String path = request.rawPath();
        try {
            if (path.equals("/") || path.equals("/ui")) {
                return new Answer("ui", redirect(UI_PREFIX));
            }
            if (path.startsWith(UI_PREFIX)) {
                String relative = path.substring(UI_PREFIX.length());
                return new Answer(
                        "ui",
                        StaticFiles.resource(UI_RESOURCES, relative.isEmpty() ? "index.html" : relative)
                                .orElseGet(() -> json(404, message("No page " + path))));
            }
            if (path.equals("/viewer") || path.startsWith(Viewer.PREFIX)) {
                return new Answer("viewer", viewer(request, path));
            }
            if (path.equals(SESSION_PATH)) {
                return new Answer("Session", session(request));
            }
            return new Answer("GetImageSetHistory", history(request));
        } catch (HttpError e) {
            return new Answer("browser", e.response());
        } catch (NotFound e) {
            return new Answer("browser", json(404, message(e.getMessage())));
        } catch (OpenAhiException e) {
            return new Answer("browser", json(400, message(e.getMessage())));
        }
    }

    private WireResponse viewer(RawRequest request, String path) {
        if (viewer.isEmpty()) {
            return new WireResponse(
                    404,
                    Map.of("Content-Type", "text/plain; charset=utf-8"),
                    ("The OHIF viewer is not "
                                    + "installed on this server: ./openahi serve installs it with npm (none was found), or set "
                                    + "OPENAHI_VIEWER_DIR to its dist folder.\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        String relative = path.length() <= Viewer.PREFIX.length() ? "" : path.substring(Viewer.PREFIX.length());
        boolean page = relative.isEmpty()
                || !relative.substring(relative.lastIndexOf('/') + 1).contains(".")
                || relative.equals("app-config.js");
        if (page && signedIn(request).isEmpty()) {
            String query = request.rawQuery() == null ? "" : "?" + request.rawQuery();
            return relative.equals("app-config.js")
                    ? json(401, message("Sign in at " + UI_PREFIX + "signin.html first"))
                    : redirect(UI_PREFIX + "signin.html?next="
                            + java.net.URLEncoder.encode(path + query, StandardCharsets.UTF_8));
        }
        return viewer.get().serve(relative, page ? data.activeDatastores() : List.of());
    }

    /** The live session the request presents (header or cookie), if any. */
    private Optional<BrowserSessions.Session> signedIn(RawRequest request) {
        return BrowserSessions.presented(request, true).flatMap(auth.sessions()::find);
    }

    /**
     * POST signs in (the request must be SigV4-signed: a session cannot make another) and answers the token, also set
     * as an HttpOnly same-site cookie; GET tells who is signed in (and the region to sign for); DELETE signs out.
     */
    private WireResponse session(RawRequest request) {
        switch (request.method()) {
            case "POST" -> {
                String accessKeyId = auth.signedAccessKeyId(request);
                BrowserSessions.Issued issued = auth.sessions().issue(accessKeyId, auth.principalArn(accessKeyId));
                ObjectNode body = sessionJson(issued.session()).put("token", issued.token());
                return withCookie(
                        json(200, body),
                        issued.token(),
                        auth.sessions().lifetime().toSeconds(),
                        overHttps(request));
            }
            case "GET" -> {
                Optional<BrowserSessions.Session> session = signedIn(request);
                ObjectNode body = session.map(BrowserFrontDoor::sessionJson)
                        .orElseGet(() -> JsonNodeFactory.instance.objectNode().put("signedIn", false));
                body.put("region", region);
                return json(200, body);
            }
            case "DELETE" -> {
                BrowserSessions.presented(request, true).ifPresent(auth.sessions()::revoke);
                return withCookie(
                        json(200, JsonNodeFactory.instance.objectNode().put("signedIn", false)),
                        "",
                        0,
                        overHttps(request));
            }
            default -> {
                return json(
                        405, message("Use POST (sign in, SigV4-signed), GET or DELETE (sign out) on " + SESSION_PATH));
            }
        }
    }

    private static ObjectNode sessionJson(BrowserSessions.Session session) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("signedIn", true)
                .put("principalArn", session.principalArn())
                .put("accessKeyId", session.accessKeyId())
                .put("expiresAt", session.expiresAt().toString());
    }

    /** Who made each version of an image set (openahi's extension; AHI records no such thing). */
    private WireResponse history(RawRequest request) {
        Matcher matcher = HISTORY.matcher(request.rawPath());
        if (!matcher.matches()) {
            return json(
                    404,
                    message("No history resource at " + request.rawPath() + "; use " + HISTORY_PREFIX
                            + "datastore/{datastoreId}/imageSet/{imageSetId}"));
        }
        if (!request.method().equals("GET")) {
            return json(405, message("Use GET on " + request.rawPath()));
        }
        auth.accessKeyId(request, false);
        data.requireImageSet(matcher.group(1), matcher.group(2));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("datastoreId", matcher.group(1)).put("imageSetId", matcher.group(2));
        ArrayNode versions = body.putArray("versions");
        for (VersionAuthor author : authors.list(matcher.group(2))) {
            versions.addObject()
                    .put("versionId", Integer.toString(author.version()))
                    .put("principalArn", author.principalArn())
                    .put("requestId", author.requestId())
                    .put("action", author.action())
                    .put("recordedAt", author.recordedAt().toString());
        }
        return json(200, body);
    }

    /**
     * Whether the client addressed the server over HTTPS: directly never (openahi serves plain HTTP), through a
     * TLS-terminating proxy whose headers the operator trusts ({@code OPENAHI_TRUST_PROXY_HEADERS}).
     */
    private boolean overHttps(RawRequest request) {
        return origins.origin(request).startsWith("https://");
    }

    /** A cookie given over HTTPS is {@code Secure}, so the browser never sends the session over plain HTTP. */
    private static WireResponse withCookie(WireResponse response, String token, long maxAgeSeconds, boolean secure) {
        Map<String, String> headers = new java.util.HashMap<>(response.headers());
        headers.put(
                "Set-Cookie",
                BrowserSessions.COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds
                        + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
        headers.put("Cache-Control", "no-store");
        return new WireResponse(response.status(), Map.copyOf(headers), response.body());
    }

    private static WireResponse redirect(String location) {
        return new WireResponse(
                302,
                Map.of("Location", location, "Content-Type", "text/plain"),
                ("See " + location + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode message(String text) {
        return JsonNodeFactory.instance.objectNode().put("message", text);
    }

    private static WireResponse json(int status, ObjectNode body) {
        try {
            return new WireResponse(status, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
