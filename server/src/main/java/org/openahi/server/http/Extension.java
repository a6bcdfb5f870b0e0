package org.openahi.server.http;

/**
 * An openahi extension of the API, under {@code /_openahi/} (no AHI route starts with "/_"): answered like an API
 * operation, signed and authorized (the AHI API's {@code AwsApi.extension} does both).
 */
public interface Extension {
    /** True for the raw paths it answers. */
    boolean owns(String rawPath);

    Answer handle(RawRequest request, String requestId, String sourceIp);
}
