package org.openahi.server.aws.auth;

import org.openahi.server.aws.protocol.AwsError;

/** The authentication errors AWS front ends return (403, outside the service model), worded as AWS words them. */
final class SigV4Errors {
  private SigV4Errors() {
  }

  static AwsError missingToken() {
    return new AwsError("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
  }

  static AwsError incomplete(String message) {
    return new AwsError("IncompleteSignatureException", 403, message);
  }

  static AwsError unrecognizedClient() {
    return new AwsError("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
  }

  /** A presigned URL past its expiry, as AWS answers it. */
  static AwsError accessDenied(String message) {
    return new AwsError("AccessDeniedException", 403, message);
  }

  static AwsError invalidSignature(String message) {
    return new AwsError("InvalidSignatureException", 403, message);
  }
}
