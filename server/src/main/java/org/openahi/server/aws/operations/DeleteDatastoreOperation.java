package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

/** DeleteDatastore: answers DELETING as AHI does; the store reads as DELETED from then on. */
public final class DeleteDatastoreOperation implements OperationHandler {
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private final DatastoreService datastores;

    public DeleteDatastoreOperation(DatastoreService datastores) {
        this.datastores = datastores;
    }

    @Override
    public String operation() {
        return "DeleteDatastore";
    }

    @Override
    public ObjectNode handle(Input input) {
        String id = datastores.delete(input.string(DATASTORE_ID)).id();
        return DatastoreDocuments.idAndStatus(id, DatastoreStatus.DELETING.name());
    }
}
