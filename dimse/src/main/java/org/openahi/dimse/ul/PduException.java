package org.openahi.dimse.ul;

/**
 * A PDU that breaks PS3.8: malformed, too long, or not expected in the association's state. The association answers
 * it with an A-ABORT from the service provider carrying {@link #abortReason()} (a {@link Pdu.Abort} reason code).
 */
public final class PduException extends Exception {
    private final int abortReason;

    public PduException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    public int abortReason() {
        return abortReason;
    }
}
