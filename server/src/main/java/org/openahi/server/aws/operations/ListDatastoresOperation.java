package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.page.Page;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

/** ListDatastores: newest first; without maxResults a page holds the model's maximum, 50. */
public final class ListDatastoresOperation implements OperationHandler {
    private static final InputMember DATASTORE_STATUS = InputMember.of("datastoreStatus");
    private static final InputMember MAX_RESULTS = InputMember.of("maxResults");
    private static final InputMember NEXT_TOKEN = InputMember.of("nextToken");
    static final int DEFAULT_MAX_RESULTS = 50;

    private final DatastoreService datastores;

    public ListDatastoresOperation(DatastoreService datastores) {
        this.datastores = datastores;
    }

    @Override
    public String operation() {
        return "ListDatastores";
    }

    @Override
    public ObjectNode handle(Input input) {
        Page<Datastore> page = datastores.list(
                input.optionalString(DATASTORE_STATUS).map(DatastoreStatus::valueOf),
                input.optionalInt(MAX_RESULTS).orElse(DEFAULT_MAX_RESULTS),
                input.optionalString(NEXT_TOKEN));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode summaries = output.putArray("datastoreSummaries");
        page.items().forEach(datastore -> summaries.add(DatastoreDocuments.summary(datastore, datastores)));
        page.nextToken().ifPresent(token -> output.put("nextToken", token));
        return output;
    }
}
