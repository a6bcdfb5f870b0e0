package org.openahi.server.dicomweb;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openahi.core.access.AccessRequest;
import org.openahi.core.access.Authorizer;
import org.openahi.core.access.Principal;
import org.openahi.core.dicomweb.UndecodableFrameException;
import org.openahi.core.error.AccessDenied;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.error.NotFound;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.error.QuotaExceeded;
import org.openahi.core.error.Throttled;
import org.openahi.core.throttle.Admission;
import org.openahi.server.access.AccessRequests;
import org.openahi.server.access.AuditTrail;
import org.openahi.server.access.RequestLimits;
import org.openahi.server.http.Answer;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.QueryParameters;
import org.openahi.server.http.RawRequest;
import org.openahi.server.http.RequestOrigins;
import org.openahi.server.http.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOMweb front door (AHI §11): authenticate, route by method and path shape to one handler, answer. A
 * failure is a PS3.18 status with a JSON message; authentication failures are AWS's 403s (or a bearer 401);
 * an unexpected failure is logged and answered 500 with the request id, never a stack trace.
 */
public final class DicomWebApi {
    private static final Logger LOG = LoggerFactory.getLogger(DicomWebApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record RouteKey(String method, DicomWebPath.Resource resource) {}

    private final DicomWebAuth auth;
    private final AccessRequests access;
    private final AuditTrail audit;
    private final RequestLimits limits;
    private final RequestOrigins origins;
    private final Map<RouteKey, DicomWebRoutes.Route> routes;

    public DicomWebApi(
            DicomWebAuth auth,
            AccessRequests access,
            AuditTrail audit,
            RequestLimits limits,
            RequestOrigins origins,
            List<DicomWebRoutes.Route> routes) {
        this.auth = auth;
        this.origins = origins;
        this.access = access;
        this.audit = audit;
        this.limits = limits;
        this.routes = routes.stream()
                .collect(Collectors.toUnmodifiableMap(
                        route -> new RouteKey(route.method(), route.resource()), route -> route));
    }

    /**
     * Checks a request's headers before its body is read (a STOW-RS upload is written to disk as it arrives): the
     * rejection to answer at once when they cannot be right, with the status {@link #handle} would give.
     */
    public Optional<Answer> refuseBeforeBody(RawRequest headers) {
        try {
            auth.authenticateHeaders(headers);
            return Optional.empty();
        } catch (HttpError e) {
            return Optional.of(new Answer("DICOMweb", e.response()));
        } catch (DicomWebAuth.BearerRejected e) {
            return Optional.of(new Answer("DICOMweb", bearerRejected(e)));
        }
    }

    /** @param sourceIp the client's address, for {@code aws:SourceIp} and the audit trail */
    public Answer handle(RawRequest request, String requestId, String sourceIp) {
        AuditTrail.Pending pending = new AuditTrail.Pending();
        Answer result = answer(request, requestId, sourceIp, pending);
        audit.finish(pending, requestId, sourceIp, result.response());
        return result;
    }

    private Answer answer(RawRequest request, String requestId, String sourceIp, AuditTrail.Pending pending) {
        String operation = "DICOMweb";
        try {
            Optional<DicomWebPath> parsed = DicomWebPath.parse(request.rawPath());
            DicomWebRoutes.Route route = parsed.map(p -> routes.get(new RouteKey(request.method(), p.resource())))
                    .orElse(null);
            Principal principal = auth.authenticate(
                    request, parsed.map(DicomWebPath::datastoreId), route == null ? "unknown" : route.operation());
            pending.caller(principal);
            DicomWebPath path =
                    parsed.orElseThrow(() -> DicomWebError.notFound("No DICOMweb resource at " + request.rawPath()));
            if (route == null) {
                return new Answer(operation, notAllowed(request.method(), path.resource()));
            }
            operation = route.operation();
            DicomWebRequest dicomWebRequest = new DicomWebRequest(
                    path,
                    QueryParameters.parse(request.rawQuery()).withoutSignature(),
                    request,
                    origins.origin(request));
            AccessRequest accessRequest = access.forDicomWeb(
                    operation, path.datastoreId(), dicomWebRequest.imageSetId(), path.study(), path.series(), sourceIp);
            pending.request(accessRequest);
            Authorizer.check(principal, accessRequest);
            try (Admission.Permit admitted = limits.enter(principal, operation, true)) {
                return new Answer(operation, route.handler().handle(dicomWebRequest));
            }
        } catch (HttpError e) {
            return new Answer(operation, e.response());
        } catch (DicomWebAuth.BearerRejected e) {
            return new Answer(operation, bearerRejected(e));
        } catch (AccessDenied e) {
            // As the AHI API answers it, so one client-side check serves both front doors.
            return new Answer(operation, new HttpError("AccessDeniedException", 403, e.getMessage()).response());
        } catch (Throttled e) {
            return new Answer(operation, new HttpError("ThrottlingException", 429, e.getMessage()).response());
        } catch (DicomWebError e) {
            return new Answer(operation, error(e.status(), e.getMessage()));
        } catch (OpenAhiException e) {
            return new Answer(operation, error(status(e), e.getMessage()));
        } catch (IOException | RuntimeException e) {
            Optional<UndecodableFrameException> undecodable = undecodable(e);
            if (undecodable.isPresent()) {
                LOG.warn(
                        "DICOMweb request {} ({} {}): {}",
                        requestId,
                        request.method(),
                        request.rawPath(),
                        undecodable.get().getMessage());
                return new Answer(operation, error(406, undecodable.get().getMessage()));
            }
            LOG.error("DICOMweb request {} ({} {}) failed", requestId, request.method(), request.rawPath(), e);
            return new Answer(operation, error(500, "Internal server error; request id " + requestId));
        }
    }

    /**
     * The frame kept as received that could not be decoded for this response, if that is why it failed: a 406 (the
     * representation asked for cannot be made; the stored one can), not a server failure. Streams wrap it.
     */
    private static Optional<UndecodableFrameException> undecodable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UndecodableFrameException undecodable) {
                return Optional.of(undecodable);
            }
        }
        return Optional.empty();
    }

    private static WireResponse bearerRejected(DicomWebAuth.BearerRejected e) {
        return withHeader(error(401, e.getMessage()), "WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    private WireResponse notAllowed(String method, DicomWebPath.Resource resource) {
        TreeSet<String> allowed = routes.keySet().stream()
                .filter(route -> route.resource() == resource)
                .map(RouteKey::method)
                .collect(Collectors.toCollection(TreeSet::new));
        if (allowed.isEmpty()) {
            return error(404, "openahi does not serve this DICOMweb resource (" + resource + ")");
        }
        return withHeader(
                error(405, method + " is not allowed here; use " + String.join(", ", allowed)),
                "Allow",
                String.join(", ", allowed));
    }

    private static int status(OpenAhiException e) {
        return switch (e) {
            case NotFound notFound -> 404;
            case Conflict conflict -> 409;
            case QuotaExceeded quota -> 413;
            case AccessDenied denied -> 403;
            case Throttled throttled -> 429;
            case InvalidRequest invalid -> 400;
        };
    }

    static WireResponse error(int status, String message) {
        try {
            byte[] body = JSON.writeValueAsBytes(
                    Map.of("message", Optional.ofNullable(message).orElse("")));
            return new WireResponse(status, Map.of("Content-Type", "application/json"), body);
        } catch (IOException e) {
            return new WireResponse(
                    status, Map.of("Content-Type", "text/plain"), message.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static WireResponse withHeader(WireResponse response, String name, String value) {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put(name, value);
        return new WireResponse(response.status(), Map.copyOf(headers), response.body(), response.stream());
    }
}
