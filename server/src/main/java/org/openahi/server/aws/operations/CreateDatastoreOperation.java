package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.datastore.NewDatastore;
import org.openahi.core.error.InvalidRequest;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

/** CreateDatastore: a new store answers CREATING as AHI does, though it is already ACTIVE. */
public final class CreateDatastoreOperation implements OperationHandler {
    private static final InputMember KMS_KEY_ARN = InputMember.of("kmsKeyArn");
    private static final InputMember CLIENT_TOKEN = InputMember.of("clientToken");
    private static final InputMember DATASTORE_NAME = InputMember.of("datastoreName");
    private static final InputMember TAGS = InputMember.of("tags");
    private static final InputMember LAMBDA_AUTHORIZER_ARN = InputMember.of("lambdaAuthorizerArn");
    private static final InputMember LOSSLESS_STORAGE_FORMAT = InputMember.of("losslessStorageFormat");
    private final DatastoreService datastores;
    private final Predicate<String> kmsKeyKnown;

    /** @param kmsKeyKnown whether a {@code kmsKeyArn} names a master key of this server (always, without encryption) */
    public CreateDatastoreOperation(DatastoreService datastores, Predicate<String> kmsKeyKnown) {
        this.datastores = datastores;
        this.kmsKeyKnown = kmsKeyKnown;
    }

    @Override
    public String operation() {
        return "CreateDatastore";
    }

    @Override
    public ObjectNode handle(Input input) {
        input.optionalString(KMS_KEY_ARN).filter(arn -> !kmsKeyKnown.test(arn)).ifPresent(arn -> {
            throw new InvalidRequest(
                    "kmsKeyArn " + arn + " is not a master key of this server's key file (OPENAHI_KEY_FILE)");
        });
        DatastoreService.Created result = datastores.create(new NewDatastore(
                input.string(CLIENT_TOKEN),
                input.optionalString(DATASTORE_NAME),
                input.stringMap(TAGS),
                input.optionalString(KMS_KEY_ARN),
                input.optionalString(LAMBDA_AUTHORIZER_ARN),
                input.optionalString(LOSSLESS_STORAGE_FORMAT).map(LosslessStorageFormat::valueOf)));
        DatastoreStatus status =
                result.created() ? DatastoreStatus.CREATING : result.datastore().status();
        return DatastoreDocuments.idAndStatus(result.datastore().id(), status.name());
    }
}
