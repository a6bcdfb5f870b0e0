package org.openahi.server.access;

import org.openahi.core.access.AccessControl;
import org.openahi.core.access.Principal;
import org.openahi.server.http.HttpError;

/**
 * Who a front door's authenticated caller is (the principal of a verified access key, or of DICOMweb's static bearer
 * token) and the IAM requests to authorize for them.
 */
public final class Callers {
    /** The principal a file gives DICOMweb's static bearer token ({@code OPENAHI_DICOMWEB_BEARER_TOKEN}). */
    public static final String BEARER_TOKEN_USER = "user/openahi-dicomweb-bearer";

    private final AccessControl access;
    private final AccessRequests requests;
    private final String accountId;

    public Callers(AccessControl access, AccessRequests requests, String accountId) {
        this.access = access;
        this.requests = requests;
        this.accountId = accountId;
    }

    public AccessControl access() {
        return access;
    }

    public AccessRequests requests() {
        return requests;
    }

    /** The principal of an access key whose signature verified. */
    public Principal forKey(String accessKeyId) {
        return access.principalForKey(accessKeyId)
                .orElseThrow(() -> new HttpError(
                        "UnrecognizedClientException", 403, "The security token included in the request is invalid."));
    }

    /**
     * The principal of DICOMweb's static bearer token: without an access file the development principal (as before);
     * with one, the principal {@code arn:aws:iam::<account>:user/openahi-dicomweb-bearer} if the file has it, else
     * one with no policy (authenticated, allowed nothing).
     */
    public Principal forStaticBearerToken() {
        if (access.file().isEmpty()) {
            return access.current().principals().values().iterator().next();
        }
        String arn = "arn:aws:iam::" + accountId + ":" + BEARER_TOKEN_USER;
        return access.principal(arn).orElse(new Principal(arn, java.util.List.of()));
    }
}
