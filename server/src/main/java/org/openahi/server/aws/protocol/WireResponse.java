package org.openahi.server.aws.protocol;

import java.util.Map;

/** What goes back on the wire: status, headers (Content-Type among them) and body. */
public record WireResponse(int status, Map<String, String> headers, byte[] body) {
}
