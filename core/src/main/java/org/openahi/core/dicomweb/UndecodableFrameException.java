package org.openahi.core.dicomweb;

import java.io.IOException;

/**
 * A frame kept as it arrived (a syntax stored without decoding, such as JPEG 2000 lossy) that openahi's decoder
 * refuses: the data the client sent, not damage to what openahi wrote, so it is not a server failure. The frame is
 * still there, and served as stored to a client that takes its transfer syntax.
 */
public final class UndecodableFrameException extends IOException {
    UndecodableFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
