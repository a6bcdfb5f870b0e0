package org.openahi.server.http;

import java.io.InputStream;

/**
 * A blob output member streamed to the client instead of held in memory (frames, metadata documents). Put it
 * in the output document with {@code ObjectNode.putPOJO}; {@code length} is -1 when unknown.
 */
public record StreamingPayload(InputStream content, long length) {}
