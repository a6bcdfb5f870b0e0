package org.openahi.jpegls;

import java.util.HexFormat;

/**
 * A JPEG-LS frame this decoder cannot read: malformed, truncated, larger than the decoder's sample budget, or using
 * a feature it does not implement.
 *
 * <p>Every place that throws has its own {@link #code()}, stable across releases, so a report that quotes the code
 * points at one check. The high byte names the stage: {@code 0x01} markers and headers, {@code 0x02} the bit stream
 * and regular mode, {@code 0x03} run mode, {@code 0x04} scans and interleaving, {@code 0x05} the public API.
 */
public final class JpegLsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final long offset;

    /** A failure that cannot be tied to a byte position. */
    public JpegLsException(int code, String message) {
        this(code, message, -1);
    }

    /** A failure found at {@code offset}, counted in bytes from the start of the frame. */
    public JpegLsException(int code, String message, long offset) {
        super(format(code, message, offset));
        this.code = code;
        this.offset = offset;
    }

    /** The stable code of the check that failed, e.g. {@code 0x0104}. */
    public int code() {
        return code;
    }

    /** Byte offset in the frame where the problem was found, or -1 when it has none. */
    public long offset() {
        return offset;
    }

    private static String format(int code, String message, long offset) {
        String where = offset >= 0 ? " at byte " + offset : "";
        return "JPEG-LS-" + HexFormat.of().withUpperCase().toHexDigits((short) code) + where + ": " + message;
    }
}
