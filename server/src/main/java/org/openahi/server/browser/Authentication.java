package org.openahi.server.browser;

import java.util.function.Function;
import org.openahi.server.aws.auth.SigV4Verifier;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.RawRequest;

/**
 * Who a request to the API or DICOMweb comes from: a browser session ({@link BrowserSessions}) when it presents
 * one, else its SigV4 signature. Both end in an access key id, so a session has exactly its signer's rights; the
 * principal's ARN (recorded with every version it makes) comes from that key.
 */
public final class Authentication {
    private final SigV4Verifier sigV4;
    private final BrowserSessions sessions;
    private final Function<String, String> principalArns;

    /** @param principalArns the principal ARN of an access key id */
    public Authentication(SigV4Verifier sigV4, BrowserSessions sessions, Function<String, String> principalArns) {
        this.sigV4 = sigV4;
        this.sessions = sessions;
        this.principalArns = principalArns;
    }

    /**
     * The access key id the request authenticates as; an {@link HttpError} (SigV4's, or ExpiredTokenException for a
     * session that ended) otherwise. {@code cookieAllowed}: whether the session cookie counts (DICOMweb GET/HEAD).
     */
    public String accessKeyId(RawRequest request, boolean cookieAllowed) {
        try {
            return sessions.accessKeyId(request, cookieAllowed).orElseGet(() -> sigV4.verify(request));
        } catch (BrowserSessions.SessionRejected e) {
            throw new HttpError("ExpiredTokenException", 403, e.getMessage());
        }
    }

    /** Only a SigV4 signature (signing in takes one: a session cannot make another). */
    public String signedAccessKeyId(RawRequest request) {
        return sigV4.verify(request);
    }

    /** SigV4's checks of the headers alone, before a body is read ({@link SigV4Verifier#verifyHeaders}). */
    public void verifySignedHeaders(RawRequest request) {
        sigV4.verifyHeaders(request);
    }

    public String principalArn(String accessKeyId) {
        return principalArns.apply(accessKeyId);
    }

    public BrowserSessions sessions() {
        return sessions;
    }
}
