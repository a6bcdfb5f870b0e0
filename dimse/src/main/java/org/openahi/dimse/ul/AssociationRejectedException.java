package org.openahi.dimse.ul;

import java.io.IOException;

/** The peer answered an A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ ({@link #rejection()}) or an A-ABORT (null). */
public final class AssociationRejectedException extends IOException {
    private final transient Pdu.AssociateRj rejection;

    public AssociationRejectedException(Pdu.AssociateRj rejection, String message) {
        super(message);
        this.rejection = rejection;
    }

    public Pdu.AssociateRj rejection() {
        return rejection;
    }
}
