package org.openahi.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before the API sees a request (malformed request line or headers, URI or headers too
 * long) in AWS's JSON form instead of an HTML page, so SDKs report them instead of an unparseable answer.
 */
final class AwsErrorPages extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every method gets its error body: Jetty's default leaves DELETE, PUT and others with an empty 400. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                  Callback callback) {
    byte[] body = body(message, code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put("x-amzn-ErrorType", errorType(code));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    fields.put("x-amzn-ErrorType", errorType(status));
    return ByteBuffer.wrap(body(reason, status));
  }

  private static byte[] body(String message, int status) {
    String text = message == null || message.isBlank() ? "HTTP " + status : message;
    try {
      return JSON.writeValueAsBytes(JSON.createObjectNode().put("message", text));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return ("{\"message\":\"HTTP " + status + "\"}").getBytes(StandardCharsets.UTF_8);
    }
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
