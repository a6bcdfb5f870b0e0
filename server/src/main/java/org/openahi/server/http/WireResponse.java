package org.openahi.server.http;

import java.util.Map;

/**
 * What goes back on the wire: status, headers (Content-Type among them) and a body, either in memory or
 * streamed.
 */
public record WireResponse(int status, Map<String, String> headers, byte[] body, StreamingPayload stream) {

    public WireResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    public static WireResponse streamed(Map<String, String> headers, StreamingPayload stream) {
        return new WireResponse(200, headers, null, stream);
    }
}
