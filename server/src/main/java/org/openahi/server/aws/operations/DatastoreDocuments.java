package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.server.aws.protocol.Timestamps;

/** The model's DatastoreProperties and DatastoreSummary documents for a data store. */
final class DatastoreDocuments {
    private DatastoreDocuments() {}

    static ObjectNode summary(Datastore datastore, DatastoreService service) {
        ObjectNode node = JsonNodeFactory.instance
                .objectNode()
                .put("datastoreId", datastore.id())
                .put("datastoreName", datastore.name())
                .put("datastoreStatus", datastore.status().name())
                .put("datastoreArn", service.arn(datastore));
        node.set("createdAt", Timestamps.epochSeconds(datastore.createdAt()));
        node.set("updatedAt", Timestamps.epochSeconds(datastore.updatedAt()));
        return node;
    }

    static ObjectNode properties(Datastore datastore, DatastoreService service) {
        ObjectNode node = summary(datastore, service);
        datastore.kmsKeyArn().ifPresent(arn -> node.put("kmsKeyArn", arn));
        datastore.lambdaAuthorizerArn().ifPresent(arn -> node.put("lambdaAuthorizerArn", arn));
        node.put("losslessStorageFormat", datastore.losslessStorageFormat().name());
        return node;
    }

    /** The {datastoreId, datastoreStatus} answer of CreateDatastore and DeleteDatastore. */
    static ObjectNode idAndStatus(String id, String status) {
        return JsonNodeFactory.instance.objectNode().put("datastoreId", id).put("datastoreStatus", status);
    }
}
