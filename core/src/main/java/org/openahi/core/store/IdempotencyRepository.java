package org.openahi.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers which resource a client token created, so a retried request returns the original result and a
 * token reused with other parameters is refused. Scope names the operation (and its parent resource).
 */
public interface IdempotencyRepository {

    record Entry(String fingerprint, String resourceId) {}

    Optional<Entry> find(String scope, String clientToken);

    void insert(String scope, String clientToken, Entry entry, Instant createdAt);
}
