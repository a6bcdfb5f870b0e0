package org.openahi.dimse.ul;

import java.net.InetSocketAddress;

/** The acceptor's decision on an A-ASSOCIATE-RQ: an A-ASSOCIATE-AC with the handler of its requests, or a rejection. */
public interface Negotiator {

    Decision negotiate(Pdu.AssociateRq request, InetSocketAddress peer);

    sealed interface Decision {}

    /** Accepted: the A-ASSOCIATE-AC to send and what performs the peer's requests. */
    record Accept(Pdu.AssociateAc answer, MessageHandler handler) implements Decision {}

    /** Rejected with {@code answer}; {@code why} goes to the log. */
    record Reject(Pdu.AssociateRj answer, String why) implements Decision {}
}
