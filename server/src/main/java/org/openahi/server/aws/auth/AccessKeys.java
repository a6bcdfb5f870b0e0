package org.openahi.server.aws.auth;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The access keys this server accepts: a secret access key by access key id, looked up on each request. */
public final class AccessKeys {
    private final Function<String, Optional<String>> secrets;

    public AccessKeys(Function<String, Optional<String>> secrets) {
        this.secrets = secrets;
    }

    public AccessKeys(Map<String, String> secrets) {
        this(copy(secrets));
    }

    private static Function<String, Optional<String>> copy(Map<String, String> secrets) {
        Map<String, String> fixed = Map.copyOf(secrets);
        return id -> Optional.ofNullable(fixed.get(id));
    }

    public Optional<String> secretFor(String accessKeyId) {
        return secrets.apply(accessKeyId);
    }
}
