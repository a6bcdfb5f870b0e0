package org.openahi.core.access;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * openahi's own OIDC for DICOMweb, for data stores without a Lambda authorizer: the issuer whose JWKS signs the
 * tokens, the audience they must name (if any), and which claims make which principal — the first rule whose claim
 * equals (or, for an array claim, contains) its value wins.
 */
public record OidcSettings(String issuer, URI jwksUri, Optional<String> audience, List<ClaimRule> principals) {
    public OidcSettings {
        principals = List.copyOf(principals);
    }

    /** {@code {"claim": "groups", "value": "radiology", "principal": "arn:aws:iam::...:role/radiology"}}. */
    public record ClaimRule(String claim, String value, String principalArn) {}
}
