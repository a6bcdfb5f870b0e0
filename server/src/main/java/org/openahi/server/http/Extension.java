package org.openahi.server.http;

import org.openahi.server.aws.AwsApi;
import org.openahi.server.aws.auth.SignedRequest;

/**
 * An openahi extension of the API, under {@code /_openahi/} (no AHI route starts with "/_"): answered like an API
 * operation ({@link AwsApi#extension}), signed and authorized.
 */
public interface Extension {
  /** True for the raw paths it answers. */
  boolean owns(String rawPath);

  AwsApi.Result handle(SignedRequest request, String requestId, String sourceIp);
}
