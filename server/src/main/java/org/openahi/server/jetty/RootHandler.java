package org.openahi.server.jetty;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openahi.server.aws.AwsApi;
import org.openahi.server.aws.auth.ChunkSignatures;
import org.openahi.server.aws.auth.SigV4Verifier;
import org.openahi.server.browser.BrowserFrontDoor;
import org.openahi.server.browser.Cors;
import org.openahi.server.dicomweb.DicomWebApi;
import org.openahi.server.dicomweb.DicomWebPath;
import org.openahi.server.health.Health;
import org.openahi.server.http.Answer;
import org.openahi.server.http.Extension;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.RawRequest;
import org.openahi.server.http.SpooledBody;
import org.openahi.server.http.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler: openahi's extensions and the operational endpoints under {@value #OPS_PREFIX} (no AHI
 * route starts with "/_"), DICOMweb paths ({@code /datastore/{id}/studies...}) to DICOMweb, everything else to the
 * AHI API. Each request gets an id, one log line and its metrics.
 */
final class RootHandler extends Handler.Abstract {
    static final String OPS_PREFIX = "/_openahi/";
    static final String SPOOL_FULL = "The server is receiving as many STOW-RS bodies as it may hold at once "
            + "(OPENAHI_STOW_MAX_CONCURRENT, OPENAHI_STOW_SPOOL_BYTES); retry later";
    private static final Logger ACCESS = LoggerFactory.getLogger("openahi.request");
    private static final Logger LOG = LoggerFactory.getLogger(RootHandler.class);
    private static final byte[] NO_BODY = new byte[0];
    /** What the access log and metrics record for a body that failed at its source after the status was sent. */
    private static final int ABORTED = 500;
    /**
     * What they record for a body the client stopped reading (it closed the connection, as viewers do when a user
     * scrolls past a frame): nginx's "client closed request", so that an alert on server errors does not count it.
     */
    static final int CLIENT_CLOSED = 499;

    private final AwsApi api;
    private final DicomWebApi dicomWeb;
    private final RequestMetrics metrics;
    private final Health health;
    private final long maxRequestBytes;
    private final BodySpool stowSpool;
    private final SpoolBudget spools;
    private final BrowserFrontDoor browser;
    private final List<Extension> extensions;

    /**
     * @param stowSpool where STOW-RS bodies are spooled; other bodies are read into memory
     * @param spools the room all STOW-RS bodies may take at once
     * @param browser CORS, sign-in sessions and pages
     * @param extensions openahi's signed operations under {@value #OPS_PREFIX}
     */
    RootHandler(
            AwsApi api,
            DicomWebApi dicomWeb,
            RequestMetrics metrics,
            Health health,
            long maxRequestBytes,
            BodySpool stowSpool,
            SpoolBudget spools,
            BrowserFrontDoor browser,
            List<Extension> extensions) {
        this.browser = browser;
        this.extensions = List.copyOf(extensions);
        this.api = api;
        this.dicomWeb = dicomWeb;
        this.metrics = metrics;
        this.health = health;
        this.maxRequestBytes = maxRequestBytes;
        this.stowSpool = stowSpool;
        this.spools = spools;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        String requestId = RequestIds.next();
        String rawPath = request.getHttpURI().getPath();
        String origin = request.getHeaders().get("Origin");
        String preflightMethod = request.getHeaders().get("Access-Control-Request-Method");
        Answer result;
        if (Cors.isPreflight(request.getMethod(), origin, preflightMethod)) {
            result = new Answer(
                    "preflight",
                    browser.preflight(
                            origin, preflightMethod, request.getHeaders().get("Access-Control-Request-Headers")));
        } else if (rawPath.startsWith(OPS_PREFIX) && !BrowserFrontDoor.owns(rawPath)) {
            try {
                result = extension(request, rawPath, requestId)
                        .orElseGet(() -> new Answer("ops", operational(rawPath.substring(OPS_PREFIX.length()))));
            } catch (HttpError refused) {
                result = new Answer("unknown", refused.response());
            }
        } else {
            try {
                result = BrowserFrontDoor.owns(rawPath)
                        ? browser.handle(
                                new RawRequest(
                                        request.getMethod(),
                                        rawPath,
                                        request.getHttpURI().getQuery(),
                                        name -> request.getHeaders().getValuesList(name),
                                        readBody(request, Optional.empty())),
                                requestId)
                        : dispatch(request, rawPath, requestId);
            } catch (HttpError refused) {
                result = new Answer("unknown", refused.response());
            }
        }
        WireResponse answer = result.response();
        String operation = result.operation();
        browser.cors().responseHeaders(origin).forEach(response.getHeaders()::put);
        int status = send(request, response, callback, answer, requestId);
        finish(request, rawPath, operation, status, requestId, started);
        return true;
    }

    /**
     * Answers an API or DICOMweb request; a STOW-RS body is spooled to a file, deleted before the answer is sent. An
     * aws-chunked body has its seed signature checked before it is read and its chunks' signatures as they arrive.
     */
    private Answer dispatch(Request request, String rawPath, String requestId) throws IOException {
        boolean dicomWebPath = DicomWebPath.matches(rawPath);
        String method = request.getMethod();
        String query = request.getHttpURI().getQuery();
        Function<String, List<String>> headers = name -> request.getHeaders().getValuesList(name);
        Optional<ChunkSignatures> chunks =
                ChunkSignatures.framed(request.getHeaders().get("content-encoding"))
                        ? api.chunkSignatures(new RawRequest(method, rawPath, query, headers, NO_BODY))
                        : Optional.empty();
        String sourceIp = Request.getRemoteAddr(request);
        if (!dicomWebPath || !"POST".equals(method)) {
            RawRequest signed = new RawRequest(method, rawPath, query, headers, readBody(request, chunks));
            return dicomWebPath
                    ? dicomWeb.handle(signed, requestId, sourceIp)
                    : api.handle(signed, requestId, sourceIp);
        }
        // A STOW-RS body goes to disk as it arrives: not one byte is read before the headers could be those of an
        // authenticated request, and there is room for it.
        RawRequest head = new RawRequest(method, rawPath, query, headers, NO_BODY);
        Optional<Answer> refused = dicomWeb.refuseBeforeBody(head);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (request.getLength() > stowSpool.maxBytes()) {
            throw HttpError.requestTooLarge(stowSpool.maxBytes());
        }
        try (SpoolBudget.Reservation room =
                spools.reserve(request.getLength()).orElseThrow(() -> HttpError.serviceUnavailable(SPOOL_FULL))) {
            try (SpooledBody spooled = stowSpool.spool(request, room, chunks, SigV4Verifier.needsPayloadHash(head))) {
                return dicomWeb.handle(
                        new RawRequest(method, rawPath, query, headers, NO_BODY, Optional.of(spooled)),
                        requestId,
                        sourceIp);
            }
        }
    }

    /** The answer of the extension that owns the path, if one does. */
    private Optional<Answer> extension(Request request, String rawPath, String requestId) throws IOException {
        for (Extension extension : extensions) {
            if (extension.owns(rawPath)) {
                return Optional.of(extension.handle(
                        new RawRequest(
                                request.getMethod(),
                                rawPath,
                                request.getHttpURI().getQuery(),
                                name -> request.getHeaders().getValuesList(name),
                                readBody(request, Optional.empty())),
                        requestId,
                        Request.getRemoteAddr(request)));
            }
        }
        return Optional.empty();
    }

    private void finish(Request request, String rawPath, String operation, int status, String requestId, long started) {
        long nanos = System.nanoTime() - started;
        metrics.record(operation, status, nanos);
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info(
                    "{} {} {}us {} {} {} {}",
                    operation,
                    status,
                    nanos / 1000,
                    requestId,
                    request.getMethod(),
                    rawPath,
                    Request.getRemoteAddr(request));
        }
    }

    private WireResponse operational(String name) {
        return switch (name) {
            case "health/live" -> health(health.live());
            // The path load balancers were given before liveness and readiness were told apart (docs/decisions.md).
            case "health", "health/ready" -> health(health.ready());
            case "metrics" ->
                new WireResponse(
                        200,
                        Map.of("Content-Type", metrics.all().contentType()),
                        metrics.all().scrape());
            default -> json(404, "{\"message\":\"No operational endpoint " + OPS_PREFIX + name + "\"}");
        };
    }

    private byte[] readBody(Request request, Optional<ChunkSignatures> chunks) throws java.io.IOException {
        long declared = request.getLength();
        if (declared > maxRequestBytes) {
            throw HttpError.requestTooLarge(maxRequestBytes);
        }
        // HTTP/1.1: a request with neither Content-Length nor Transfer-Encoding has no body (a GET, most often).
        if (declared == 0 || (declared < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING))) {
            return NO_BODY;
        }
        try (InputStream in = BodySpool.decoded(Content.Source.asInputStream(request), chunks)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
            if (body.length > maxRequestBytes) {
                throw HttpError.requestTooLarge(maxRequestBytes);
            }
            return body;
        }
    }

    /**
     * Sends the answer and returns the status to record. A streamed body that fails after the status went out is not
     * completed but the callback failed, so Jetty aborts the connection: the client sees a failed transfer (no last
     * chunk, fewer bytes than Content-Length), never a shorter body that looks whole. A failure to read the body's
     * source is a server error; a failure to write it is the client gone.
     */
    private static int send(
            Request request, Response response, Callback callback, WireResponse answer, String requestId) {
        response.setStatus(answer.status());
        answer.headers().forEach(response.getHeaders()::put);
        response.getHeaders().put("x-amzn-RequestId", requestId);
        if (answer.stream() == null) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
            return answer.status();
        }
        if (answer.stream().length() >= 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.stream().length());
        }
        ClientSide out = new ClientSide(Content.Sink.asOutputStream(response));
        try (InputStream in = answer.stream().content()) {
            in.transferTo(out);
        } catch (ClientGone gone) {
            return clientClosed(request, callback, gone, requestId);
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "Request {} ({} {}) failed while its body was sent; connection aborted: {}",
                    requestId,
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    e.getMessage(),
                    e);
            callback.failed(e);
            return ABORTED;
        }
        try {
            out.close();
        } catch (ClientGone gone) {
            return clientClosed(request, callback, gone, requestId);
        }
        callback.succeeded();
        return answer.status();
    }

    private static int clientClosed(Request request, Callback callback, ClientGone gone, String requestId) {
        LOG.info(
                "Request {} ({} {}): the client closed the connection during the body: {}",
                requestId,
                request.getMethod(),
                request.getHttpURI().getPath(),
                gone.getCause().getMessage());
        callback.failed(gone.getCause());
        return CLIENT_CLOSED;
    }

    /** The connection's side of a streamed body, whose write failures are told apart from its source's. */
    private static final class ClientSide extends FilterOutputStream {
        ClientSide(OutputStream connection) {
            super(connection);
        }

        @Override
        public void write(int b) throws ClientGone {
            toClient(() -> out.write(b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws ClientGone {
            toClient(() -> out.write(bytes, offset, length));
        }

        @Override
        public void flush() throws ClientGone {
            toClient(out::flush);
        }

        @Override
        public void close() throws ClientGone {
            toClient(out::close);
        }

        private interface Write {
            void run() throws IOException;
        }

        private static void toClient(Write write) throws ClientGone {
            try {
                write.run();
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }
    }

    private static final class ClientGone extends IOException {
        ClientGone(IOException cause) {
            super(cause);
        }
    }

    private static WireResponse health(Health.Answer answer) {
        return new WireResponse(answer.up() ? 200 : 503, Map.of("Content-Type", "application/json"), answer.json());
    }

    private static WireResponse json(int status, String body) {
        return new WireResponse(
                status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }
}
