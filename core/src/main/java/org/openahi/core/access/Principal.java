package org.openahi.core.access;

import java.util.List;

/**
 * Who a request acts as: an IAM-style ARN ({@code arn:aws:iam::123456789012:user/alice}, or a role's ARN when an
 * OIDC authorizer named a role) and the identity policies attached to it.
 */
public record Principal(String arn, List<Policy> policies) {
    public Principal {
        policies = List.copyOf(policies);
    }
}
