package org.openahi.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request, answered in AWS's restJson1 error form: HTTP status, {@code x-amzn-ErrorType} and a JSON
 * {@code {"message": ...}} body. Every front door refuses in this one form (the AHI API, DICOMweb's authentication
 * and access failures, the browser side, Jetty's own error pages), so one client-side check serves them all. Errors
 * of the service model get their status from the model ({@code aws.protocol.ErrorTable}); the others here are the
 * ones AWS's front ends send outside any model.
 */
public final class HttpError extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String type;
    private final int status;

    public HttpError(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** The error on the wire; a 503 says when to retry. */
    public WireResponse response() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-amzn-ErrorType", type);
        if (status == 503) {
            headers.put(
                    "Retry-After", "1"); // the server shed the request for lack of room; a second later there may be
        }
        return new WireResponse(status, headers, body(getMessage()));
    }

    /** {@code {"message": ...}}, the body of every error of this form. */
    public static byte[] body(String message) {
        try {
            return JSON.writeValueAsBytes(JSON.createObjectNode().put("message", message));
        } catch (JsonProcessingException e) {
            return "{\"message\":\"\"}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The body or a parameter could not be parsed as the model's types (restJson1's SerializationException). */
    public static HttpError serialization(String message) {
        return new HttpError("SerializationException", 400, message);
    }

    public static HttpError unknownOperation(String method, String path) {
        return new HttpError("UnknownOperationException", 404, "No operation matches " + method + " " + path);
    }

    public static HttpError methodNotAllowed(String method, String path) {
        return new HttpError("UnknownOperationException", 405, "Method " + method + " is not allowed on " + path);
    }

    public static HttpError requestTooLarge(long limit) {
        return new HttpError(
                "RequestEntityTooLargeException", 413, "Request body exceeds the limit of " + limit + " bytes");
    }

    /** The server cannot take the request now; the client may retry it later (answered with Retry-After). */
    public static HttpError serviceUnavailable(String message) {
        return new HttpError("ServiceUnavailableException", 503, message);
    }

    public static HttpError internal(String requestId) {
        return new HttpError(
                "InternalServerException",
                500,
                "Internal server error; request id " + requestId + " is in the server log");
    }
}
