package org.openahi.jpeg;

/**
 * A JPEG stream this decoder cannot read: a broken or truncated stream, a feature it does not decode (arithmetic
 * coding, hierarchical frames) or an image over the sample budget. The message names what is wrong, and the marker
 * when one is involved; {@link #offset()} is where in the frame's bytes it was found.
 */
public final class JpegException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final long offset;

    /** A failure that cannot be tied to a byte position. */
    public JpegException(String reason) {
        this(reason, -1);
    }

    /** A failure found at {@code offset}, counted in bytes from the start of the frame. */
    public JpegException(String reason, long offset) {
        super(offset >= 0 ? "JPEG at byte " + offset + ": " + reason : "JPEG: " + reason);
        this.reason = reason;
        this.offset = offset;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** Byte offset in the frame where the problem was found, or -1 when it has none. */
    public long offset() {
        return offset;
    }
}
