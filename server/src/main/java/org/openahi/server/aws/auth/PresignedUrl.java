package org.openahi.server.aws.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.server.http.QueryParameters;
import org.openahi.server.http.RawRequest;

/**
 * SigV4 in the query string (a presigned URL): {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
 * {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders} and {@code X-Amz-Signature}. Taken for GET and HEAD only, the
 * requests a URL handed to a browser or viewer can make (docs/decisions.md).
 */
record PresignedUrl(
        AuthorizationHeader signature, String amzDate, long expiresSeconds, Optional<String> securityToken) {
    static final String SIGNATURE = "X-Amz-Signature";
    static final String METHOD_REFUSED = "Presigned (query-string) SigV4 is accepted only for GET and HEAD requests, "
            + "the ones a URL can carry; sign %s requests with the Authorization header";
    /** AWS's longest presigned URL validity: a week. */
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final List<String> REQUIRED = List.of(
            "X-Amz-Algorithm", "X-Amz-Credential", SIGNATURE, "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires");

    /** The presigned URL's signature parts when the query carries any of them; an {@code HttpError} when malformed. */
    static Optional<PresignedUrl> of(RawRequest request) {
        String rawQuery = request.rawQuery();
        if (rawQuery == null || !rawQuery.contains("X-Amz-")) {
            return Optional.empty();
        }
        QueryParameters query = QueryParameters.parse(rawQuery);
        if (REQUIRED.stream().allMatch(name -> query.all(name).isEmpty())) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (query.all(name).size() != 1 || query.all(name).get(0).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw SigV4Errors.incomplete(
                    "Query-string authentication requires exactly one each of the X-Amz-Algorithm, "
                            + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters; "
                            + "missing or repeated: " + String.join(", ", missing));
        }
        String algorithm = query.all("X-Amz-Algorithm").get(0);
        if (!AuthorizationHeader.ALGORITHM.equals(algorithm)) {
            throw SigV4Errors.incomplete(
                    "X-Amz-Algorithm must be " + AuthorizationHeader.ALGORITHM + ", not '" + algorithm + "'");
        }
        String amzDate = query.all("X-Amz-Date").get(0);
        if (SigV4Verifier.parseAmzDate(amzDate) == null) {
            throw SigV4Errors.incomplete(
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\", got '" + amzDate + "'");
        }
        String expires = query.all("X-Amz-Expires").get(0);
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw SigV4Errors.incomplete("X-Amz-Expires must be a number of seconds from 1 to " + MAX_EXPIRES_SECONDS
                    + " (a week), got '" + expires + "'");
        }
        String credential = query.all("X-Amz-Credential").get(0);
        String[] scope = credential.split("/", -1);
        if (scope.length != 5) {
            throw SigV4Errors.incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                    + "keyid/date/region/service/term, got '" + credential + "'");
        }
        AuthorizationHeader signature = new AuthorizationHeader(
                scope[0],
                scope[1],
                scope[2],
                scope[3],
                scope[4],
                List.of(query.all("X-Amz-SignedHeaders").get(0).split(";")),
                query.all(SIGNATURE).get(0));
        return Optional.of(new PresignedUrl(
                signature,
                amzDate,
                seconds,
                query.all("X-Amz-Security-Token").stream().findFirst()));
    }

    boolean methodAllowed(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }
}
