package org.openahi.core.imageset;

import java.time.Instant;

/**
 * Who made a version of an image set (AHI keeps no such record; openahi does): the authenticated principal's ARN,
 * the request id the client got back, and the action that made it (e.g. {@code UpdateImageSetMetadata}).
 */
public record VersionAuthor(
        String imageSetId, int version, String principalArn, String requestId, String action, Instant recordedAt) {}
