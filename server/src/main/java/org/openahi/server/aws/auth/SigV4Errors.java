package org.openahi.server.aws.auth;

import org.openahi.server.http.HttpError;

/** The authentication errors AWS front ends return (403, outside the service model), worded as AWS words them. */
final class SigV4Errors {
    private SigV4Errors() {}

    static HttpError missingToken() {
        return new HttpError("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
    }

    static HttpError incomplete(String message) {
        return new HttpError("IncompleteSignatureException", 403, message);
    }

    static HttpError unrecognizedClient() {
        return new HttpError(
                "UnrecognizedClientException", 403, "The security token included in the request is invalid.");
    }

    /** A presigned URL past its expiry, as AWS answers it. */
    static HttpError accessDenied(String message) {
        return new HttpError("AccessDeniedException", 403, message);
    }

    static HttpError invalidSignature(String message) {
        return new HttpError("InvalidSignatureException", 403, message);
    }
}
