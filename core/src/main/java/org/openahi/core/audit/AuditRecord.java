package org.openahi.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who did what: one write a front door accepted for authorization (allowed or refused), with the principal, the
 * request id the client was given, the IAM action and resources, the client's address and the outcome (the status
 * answered, and the error's type when it failed).
 */
public record AuditRecord(
        Instant time,
        String requestId,
        String principal,
        String action,
        List<String> resources,
        String sourceIp,
        int status,
        Optional<String> error) {
    public AuditRecord {
        resources = List.copyOf(resources);
    }
}
