package org.openahi.server.aws.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One AWS operation: maps its validated input to a domain call and the result to its output document,
 * whose members are named as in the output shape (header-bound members included).
 */
public interface OperationHandler {

    /** The operation's name in the service model, e.g. {@code GetDatastore}. */
    String operation();

    ObjectNode handle(Input input);
}
