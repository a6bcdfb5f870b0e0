package org.openahi.server.aws.auth;

import java.util.Map;
import java.util.Optional;

/** The access keys this server accepts: access key id to secret access key. */
public final class AccessKeys {
  private final Map<String, String> secrets;

  public AccessKeys(Map<String, String> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  public Optional<String> secretFor(String accessKeyId) {
    return Optional.ofNullable(secrets.get(accessKeyId));
  }
}
