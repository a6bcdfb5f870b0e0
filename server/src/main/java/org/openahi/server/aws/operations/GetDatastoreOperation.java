package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

public final class GetDatastoreOperation implements OperationHandler {
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private final DatastoreService datastores;

    public GetDatastoreOperation(DatastoreService datastores) {
        this.datastores = datastores;
    }

    @Override
    public String operation() {
        return "GetDatastore";
    }

    @Override
    public ObjectNode handle(Input input) {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.set(
                "datastoreProperties",
                DatastoreDocuments.properties(datastores.get(input.string(DATASTORE_ID)), datastores));
        return output;
    }
}
