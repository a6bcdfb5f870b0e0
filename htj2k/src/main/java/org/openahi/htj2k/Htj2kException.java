package org.openahi.htj2k;

import java.util.HexFormat;

/**
 * A codestream this codec cannot read or an image it cannot write.
 *
 * <p>Every place that throws has its own {@link #code()}, stable across releases, so a report that quotes the
 * code points at one check. The high byte names the stage: {@code 0x01} codestream and boxes, {@code 0x02}
 * packets (tier-2), {@code 0x03} HT block decoding, {@code 0x05} the encoder and the public API.
 */
public final class Htj2kException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final long offset;

    /** A failure that cannot be tied to a byte position. */
    public Htj2kException(int code, String message) {
        this(code, message, -1);
    }

    /** A failure found at {@code offset}, counted in bytes from the start of the input. */
    public Htj2kException(int code, String message, long offset) {
        super(format(code, message, offset));
        this.code = code;
        this.offset = offset;
    }

    /** The stable code of the check that failed, e.g. {@code 0x0104}. */
    public int code() {
        return code;
    }

    /** Byte offset in the input where the problem was found, or -1 when it has none. */
    public long offset() {
        return offset;
    }

    private static String format(int code, String message, long offset) {
        String where = offset >= 0 ? " at byte " + offset : "";
        return "HTJ2K-" + HexFormat.of().withUpperCase().toHexDigits((short) code) + where + ": " + message;
    }
}
