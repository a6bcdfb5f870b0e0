package org.openahi.server.aws.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header. Anything missing or malformed is an IncompleteSignatureException, worded as AWS words it.
 */
record AuthorizationHeader(
        String accessKeyId,
        String date,
        String region,
        String service,
        String terminator,
        List<String> signedHeaders,
        String signature) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    static AuthorizationHeader parse(String header) {
        if (!header.startsWith(ALGORITHM + " ")) {
            // The header is not echoed, as AWS echoes a malformed signature's: another scheme's value is a secret.
            String scheme = header.split(" ", 2)[0];
            throw SigV4Errors.incomplete("Unsupported Authorization type '" + scheme + "': only " + ALGORITHM
                    + " (AWS Signature Version 4) is accepted"
                    + (scheme.equalsIgnoreCase("Bearer")
                            ? " here; DICOMweb paths (/datastore/{datastoreId}/studies...) also take an OIDC token (a"
                                    + " JWT) and the token OPENAHI_DICOMWEB_BEARER_TOKEN configures"
                            : ""));
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            String trimmed = part.strip();
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String value = trimmed.substring(equals + 1);
            switch (trimmed.substring(0, equals)) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> {}
            }
        }
        List<String> missing = new ArrayList<>();
        if (credential == null || credential.isEmpty()) {
            missing.add("Authorization header requires 'Credential' parameter.");
        }
        if (signature == null || signature.isEmpty()) {
            missing.add("Authorization header requires 'Signature' parameter.");
        }
        if (signedHeaders == null || signedHeaders.isEmpty()) {
            missing.add("Authorization header requires 'SignedHeaders' parameter.");
        }
        if (!missing.isEmpty()) {
            throw SigV4Errors.incomplete(String.join(" ", missing) + " Authorization=" + header);
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5) {
            throw SigV4Errors.incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                    + "keyid/date/region/service/term, got '" + credential + "'");
        }
        return new AuthorizationHeader(
                scope[0], scope[1], scope[2], scope[3], scope[4], List.of(signedHeaders.split(";")), signature);
    }

    String scope() {
        return date + "/" + region + "/" + service + "/" + terminator;
    }
}
