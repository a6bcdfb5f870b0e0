package org.openahi.server.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.openahi.core.access.AccessRequest;
import org.openahi.core.access.Authorizer;
import org.openahi.core.access.Principal;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.throttle.Admission;
import org.openahi.server.access.AuditTrail;
import org.openahi.server.access.Callers;
import org.openahi.server.access.RequestLimits;
import org.openahi.server.aws.auth.ChunkSignatures;
import org.openahi.server.aws.auth.SigV4Verifier;
import org.openahi.server.aws.model.OperationModel;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.protocol.ErrorTable;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.aws.protocol.RequestBinder;
import org.openahi.server.aws.protocol.ResponseWriter;
import org.openahi.server.aws.protocol.Router;
import org.openahi.server.aws.protocol.ShapeValidator;
import org.openahi.server.browser.Authentication;
import org.openahi.server.history.Caller;
import org.openahi.server.http.Answer;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.QueryParameters;
import org.openahi.server.http.RawRequest;
import org.openahi.server.http.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AHI API independent of the HTTP server: authenticate, route, bind, validate, call the operation's
 * handler, serialize. Every failure becomes an AWS-shaped error; an unexpected one is logged with the
 * request id and answered as InternalServerException without internals.
 */
public final class AwsApi {
    private static final ObjectMapper EXTENSION_JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(AwsApi.class);

    private final Authentication auth;
    private final SigV4Verifier verifier;
    private final Callers callers;
    private final AuditTrail audit;
    private final RequestLimits limits;
    private final Router router;
    private final RequestBinder binder;
    private final ShapeValidator validator;
    private final ResponseWriter writer;
    private final ErrorTable errors;
    private final Map<String, OperationHandler> handlers;
    private final boolean verifyOutputs;

    /**
     * @param verifyOutputs check every response against its output shape (tests turn this on; a mismatch is a
     *     server bug and answers 500)
     */
    public AwsApi(
            ServiceModel model,
            Authentication auth,
            SigV4Verifier verifier,
            Callers callers,
            AuditTrail audit,
            RequestLimits limits,
            List<OperationHandler> handlers,
            boolean verifyOutputs) {
        // Requests run on many threads: one shared pool of Jackson's buffers rather than one set per thread.
        ObjectMapper json = new ObjectMapper(JsonFactory.builder()
                        .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                        .build())
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        this.auth = auth;
        this.verifier = verifier;
        this.callers = callers;
        this.audit = audit;
        this.limits = limits;
        this.router = new Router(model);
        this.binder = new RequestBinder(model, json);
        this.validator = new ShapeValidator(model);
        this.writer = new ResponseWriter(model, json);
        this.errors = new ErrorTable(model);
        this.handlers = handlers.stream()
                .collect(Collectors.toUnmodifiableMap(OperationHandler::operation, Function.identity()));
        this.handlers.keySet().forEach(model::operation);
        handlers.forEach(handler -> InputMember.check(model, handler));
        Set<String> missing = new TreeSet<>(model.operations().keySet());
        missing.removeAll(this.handlers.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "Every operation of the service model needs a handler; missing: " + missing);
        }
        this.verifyOutputs = verifyOutputs;
    }

    /** @param sourceIp the client's address, for {@code aws:SourceIp} and the audit trail */
    public Answer handle(RawRequest request, String requestId, String sourceIp) {
        AuditTrail.Pending pending = new AuditTrail.Pending();
        Answer result = answer(request, requestId, sourceIp, pending);
        audit.finish(pending, requestId, sourceIp, result.response());
        return result;
    }

    private Answer answer(RawRequest request, String requestId, String sourceIp, AuditTrail.Pending pending) {
        Optional<Router.Route> route = router.route(request.method(), request.rawPath());
        String operation = route.map(r -> r.operation().name()).orElse("unknown");
        try {
            QueryParameters query = QueryParameters.parse(request.rawQuery());
            Principal principal = callers.forKey(auth.accessKeyId(request, false));
            pending.caller(principal);
            Router.Route found = route.orElseThrow(() -> router.pathExists(request.rawPath())
                    ? HttpError.methodNotAllowed(request.method(), request.rawPath())
                    : HttpError.unknownOperation(request.method(), request.rawPath()));
            // The principal is recorded with every image set version the operation makes (the history view's "who").
            return new Caller(principal.arn(), requestId)
                    .run(() -> new Answer(operation, invoke(found, query, request, principal, sourceIp, pending)));
        } catch (HttpError e) {
            return new Answer(operation, e.response());
        } catch (OpenAhiException e) {
            return new Answer(operation, errors.toAwsError(e).response());
        } catch (RuntimeException e) {
            LOG.error("Request {} ({} {}) failed", requestId, request.method(), request.rawPath(), e);
            return new Answer(operation, HttpError.internal(requestId).response());
        }
    }

    /**
     * Answers an openahi extension operation (under {@code /_openahi/}, beside AHI's routes) as an API operation is
     * answered: signed with SigV4, authorized as {@code access}, audited, its errors in AWS's shapes. {@code work}
     * gives the JSON answer.
     */
    public Answer extension(
            String operation,
            RawRequest request,
            String requestId,
            String sourceIp,
            AccessRequest access,
            Supplier<JsonNode> work) {
        AuditTrail.Pending pending = new AuditTrail.Pending();
        Answer result;
        try {
            Principal principal = callers.forKey(auth.accessKeyId(request, false));
            pending.caller(principal);
            pending.request(access);
            Authorizer.check(principal, access);
            result = new Answer(
                    operation,
                    new WireResponse(
                            200,
                            Map.of("Content-Type", "application/json"),
                            EXTENSION_JSON.writeValueAsBytes(work.get())));
        } catch (HttpError e) {
            result = new Answer(operation, e.response());
        } catch (OpenAhiException e) {
            result = new Answer(operation, errors.toAwsError(e).response());
        } catch (IOException | RuntimeException e) {
            LOG.error("Request {} ({} {}) failed", requestId, request.method(), request.rawPath(), e);
            result = new Answer(operation, HttpError.internal(requestId).response());
        }
        audit.finish(pending, requestId, sourceIp, result.response());
        return result;
    }

    /**
     * What verifies an aws-chunked body's chunks, its seed signature checked from {@code headers} before the body is
     * read (the API and DICOMweb sign alike); see {@link SigV4Verifier#chunkSignatures}.
     */
    public Optional<ChunkSignatures> chunkSignatures(RawRequest headers) {
        return verifier.chunkSignatures(headers);
    }

    private WireResponse invoke(
            Router.Route route,
            QueryParameters query,
            RawRequest request,
            Principal principal,
            String sourceIp,
            AuditTrail.Pending pending) {
        OperationModel operation = route.operation();
        OperationHandler handler = handlers.get(operation.name());
        ObjectNode input = binder.bind(
                operation,
                route.rawLabels(),
                query,
                name -> request.header(name.toLowerCase(java.util.Locale.ROOT)),
                request.body());
        // Authorized before validation, as AWS does: a caller without the right learns nothing of the resource's rules.
        AccessRequest access = callers.requests().forOperation(operation.name(), input, sourceIp);
        pending.request(access);
        Authorizer.check(principal, access);
        ObjectNode output;
        try (Admission.Permit admitted = limits.enter(principal, operation.name(), false)) {
            operation.inputShape().ifPresent(shape -> {
                List<String> violations = validator.violations(shape, input);
                if (!violations.isEmpty()) {
                    throw errors.modelled("ValidationException", ShapeValidator.message(violations));
                }
            });
            output = handler.handle(new Input(input));
        }
        if (verifyOutputs) {
            operation.outputShape().ifPresent(shape -> {
                List<String> violations = validator.violations(shape, output);
                if (!violations.isEmpty()) {
                    throw new IllegalStateException(
                            operation.name() + " answered outside its output shape: " + violations);
                }
            });
        }
        return writer.success(operation, output);
    }
}
