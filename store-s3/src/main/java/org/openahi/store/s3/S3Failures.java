package org.openahi.store.s3;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a failed S3 call may tell a client. S3's own answer (its error code and status, e.g. {@code NoSuchBucket
 * (404)}) is the client's to see; a failure before S3 answered — no credentials in the server's default chain, no
 * connection — is described in the server's log only, since its text names the server's environment variables,
 * files, addresses and instance metadata service.
 */
final class S3Failures {
    private static final Logger LOG = LoggerFactory.getLogger(S3Failures.class);

    private S3Failures() {}

    /** An IOException whose message says {@code what} failed (e.g. "Cannot list s3://b/p/") and why, in safe terms. */
    static IOException describe(String what, SdkException failure) {
        if (failure instanceof S3Exception answer && answer.awsErrorDetails() != null) {
            return new IOException(
                    what + ": S3 answered " + answer.awsErrorDetails().errorCode() + " (" + answer.statusCode() + ")",
                    failure);
        }
        LOG.warn("{}: {}", what, failure.getMessage());
        String reason = failure.getCause() instanceof IOException
                ? "the server could not connect to S3"
                : "the server's S3 client failed before S3 answered (credentials or configuration)";
        return new IOException(what + ": " + reason + "; the server log has the details", failure);
    }
}
