package org.openahi.server.aws.protocol;

/**
 * An error answered in AWS's restJson1 form: HTTP status, {@code x-amzn-ErrorType} and a JSON
 * {@code {"message": ...}} body. Errors of the service model get their status from the model (see
 * {@link ErrorTable}); the others here are the ones AWS's front ends send outside any model.
 */
public final class AwsError extends RuntimeException {
  private final String type;
  private final int status;

  public AwsError(String type, int status, String message) {
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

  /** The body or a parameter could not be parsed as the model's types (restJson1's SerializationException). */
  public static AwsError serialization(String message) {
    return new AwsError("SerializationException", 400, message);
  }

  public static AwsError unknownOperation(String method, String path) {
    return new AwsError("UnknownOperationException", 404, "No operation matches " + method + " " + path);
  }

  public static AwsError methodNotAllowed(String method, String path) {
    return new AwsError("UnknownOperationException", 405, "Method " + method + " is not allowed on " + path);
  }

  public static AwsError requestTooLarge(long limit) {
    return new AwsError("RequestEntityTooLargeException", 413, "Request body exceeds the limit of " + limit + " bytes");
  }

  /** The server cannot take the request now; the client may retry it later (answered with Retry-After). */
  public static AwsError serviceUnavailable(String message) {
    return new AwsError("ServiceUnavailableException", 503, message);
  }

  public static AwsError internal(String requestId) {
    return new AwsError("InternalServerException", 500, "Internal server error; request id " + requestId
        + " is in the server log");
  }
}
