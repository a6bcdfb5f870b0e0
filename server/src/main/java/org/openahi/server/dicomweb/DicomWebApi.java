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
import org.openahi.server.aws.AwsApi;
import org.openahi.server.aws.auth.SignedRequest;
import org.openahi.server.aws.protocol.AwsError;
import org.openahi.server.aws.protocol.QueryParameters;
import org.openahi.server.aws.protocol.WireResponse;
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

  private record Route(String method, DicomWebPath.Resource resource) {
  }

  private final DicomWebAuth auth;
  private final AccessRequests access;
  private final AuditTrail audit;
  private final RequestLimits limits;
  private final Map<Route, DicomWebHandler> handlers;
  private final AwsApi awsErrors;

  /** @param awsErrors writes authentication failures exactly as the AHI API does */
  public DicomWebApi(DicomWebAuth auth, AccessRequests access, AuditTrail audit, RequestLimits limits,
                     List<DicomWebHandler> handlers, AwsApi awsErrors) {
    this.auth = auth;
    this.access = access;
    this.audit = audit;
    this.limits = limits;
    this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(
        handler -> new Route(handler.method(), handler.resource()), handler -> handler));
    this.awsErrors = awsErrors;
  }

  /**
   * Checks a request's headers before its body is read (a STOW-RS upload is written to disk as it arrives): the
   * rejection to answer at once when they cannot be right, with the status {@link #handle} would give.
   */
  public Optional<AwsApi.Result> refuseBeforeBody(SignedRequest headers) {
    try {
      auth.authenticateHeaders(headers);
      return Optional.empty();
    } catch (AwsError e) {
      return Optional.of(new AwsApi.Result("DICOMweb", awsErrors.errorResponse(e)));
    } catch (DicomWebAuth.BearerRejected e) {
      return Optional.of(new AwsApi.Result("DICOMweb", bearerRejected(e)));
    }
  }

  /** @param sourceIp the client's address, for {@code aws:SourceIp} and the audit trail */
  public AwsApi.Result handle(SignedRequest request, String requestId, String sourceIp) {
    AuditTrail.Pending pending = new AuditTrail.Pending();
    AwsApi.Result result = answer(request, requestId, sourceIp, pending);
    audit.finish(pending, requestId, sourceIp, result.response());
    return result;
  }

  private AwsApi.Result answer(SignedRequest request, String requestId, String sourceIp, AuditTrail.Pending pending) {
    String operation = "DICOMweb";
    try {
      Optional<DicomWebPath> parsed = DicomWebPath.parse(request.rawPath());
      DicomWebHandler handler = parsed.map(p -> handlers.get(new Route(request.method(), p.resource()))).orElse(null);
      Principal principal = auth.authenticate(request, parsed.map(DicomWebPath::datastoreId),
          handler == null ? "unknown" : handler.operation());
      pending.caller(principal);
      DicomWebPath path = parsed
          .orElseThrow(() -> DicomWebError.notFound("No DICOMweb resource at " + request.rawPath()));
      if (handler == null) {
        return new AwsApi.Result(operation, notAllowed(request.method(), path.resource()));
      }
      operation = handler.operation();
      DicomWebRequest dicomWebRequest = new DicomWebRequest(path,
          QueryParameters.parse(request.rawQuery()).withoutSignature(), request);
      AccessRequest accessRequest = access.forDicomWeb(operation, path.datastoreId(), dicomWebRequest.imageSetId(),
          path.study(), path.series(), sourceIp);
      pending.request(accessRequest);
      Authorizer.check(principal, accessRequest);
      try (Admission.Permit admitted = limits.enter(principal, operation, true)) {
        return new AwsApi.Result(operation, handler.handle(dicomWebRequest));
      }
    } catch (AwsError e) {
      return new AwsApi.Result(operation, awsErrors.errorResponse(e));
    } catch (DicomWebAuth.BearerRejected e) {
      return new AwsApi.Result(operation, bearerRejected(e));
    } catch (AccessDenied e) {
      // As the AHI API answers it, so one client-side check serves both front doors.
      return new AwsApi.Result(operation, awsErrors.errorResponse(new AwsError("AccessDeniedException", 403,
          e.getMessage())));
    } catch (Throttled e) {
      return new AwsApi.Result(operation, awsErrors.errorResponse(new AwsError("ThrottlingException", 429,
          e.getMessage())));
    } catch (DicomWebError e) {
      return new AwsApi.Result(operation, error(e.status(), e.getMessage()));
    } catch (OpenAhiException e) {
      return new AwsApi.Result(operation, error(status(e), e.getMessage()));
    } catch (IOException | RuntimeException e) {
      LOG.error("DICOMweb request {} ({} {}) failed", requestId, request.method(), request.rawPath(), e);
      return new AwsApi.Result(operation, error(500, "Internal server error; request id " + requestId));
    }
  }

  private static WireResponse bearerRejected(DicomWebAuth.BearerRejected e) {
    return withHeader(error(401, e.getMessage()), "WWW-Authenticate", "Bearer error=\"invalid_token\"");
  }

  private WireResponse notAllowed(String method, DicomWebPath.Resource resource) {
    TreeSet<String> allowed = handlers.keySet().stream().filter(route -> route.resource() == resource)
        .map(Route::method).collect(Collectors.toCollection(TreeSet::new));
    if (allowed.isEmpty()) {
      return error(404, "openahi does not serve this DICOMweb resource (" + resource + ")");
    }
    return withHeader(error(405, method + " is not allowed here; use " + String.join(", ", allowed)), "Allow",
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
      byte[] body = JSON.writeValueAsBytes(Map.of("message", Optional.ofNullable(message).orElse("")));
      return new WireResponse(status, Map.of("Content-Type", "application/json"), body);
    } catch (IOException e) {
      return new WireResponse(status, Map.of("Content-Type", "text/plain"), message.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static WireResponse withHeader(WireResponse response, String name, String value) {
    Map<String, String> headers = new HashMap<>(response.headers());
    headers.put(name, value);
    return new WireResponse(response.status(), Map.copyOf(headers), response.body(), response.stream());
  }
}
