package org.openahi.server.jetty;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.openahi.server.http.HttpError;

/**
 * Errors Jetty raises before the API sees a request (malformed request line or headers, URI or headers too
 * long) in AWS's JSON form instead of an HTML page, so SDKs report them instead of an unparseable answer.
 */
final class AwsErrorPages extends ErrorHandler {
    /** Every method gets its error body: Jetty's default leaves DELETE, PUT and others with an empty 400. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        byte[] body = body(message, code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("x-amzn-ErrorType", errorType(code));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Jetty 12 still calls this for a request it cannot parse; it is marked for removal, with no successor yet. */
    @Override
    @SuppressWarnings("removal")
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put("x-amzn-ErrorType", errorType(status));
        return ByteBuffer.wrap(body(reason, status));
    }

    private static byte[] body(String message, int status) {
        return HttpError.body(message == null || message.isBlank() ? "HTTP " + status : message);
    }

    private static String errorType(int status) {
        return switch (status) {
            case 400 -> "SerializationException";
            case 413 -> "RequestEntityTooLargeException";
            case 414 -> "RequestUriTooLongException";
            case 431 -> "RequestHeaderFieldsTooLargeException";
            case 500 -> "InternalServerException";
            default -> "HttpProtocolException";
        };
    }
}
