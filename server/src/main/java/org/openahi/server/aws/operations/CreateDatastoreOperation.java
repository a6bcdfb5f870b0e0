package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.datastore.NewDatastore;
import org.openahi.core.error.InvalidRequest;
import java.util.function.Predicate;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;

/** CreateDatastore: a new store answers CREATING as AHI does, though it is already ACTIVE. */
public final class CreateDatastoreOperation implements OperationHandler {
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
    input.optionalString("kmsKeyArn").filter(arn -> !kmsKeyKnown.test(arn)).ifPresent(arn -> {
      throw new InvalidRequest("kmsKeyArn " + arn + " is not a master key of this server's key file (OPENAHI_KEY_FILE)");
    });
    DatastoreService.Created result = datastores.create(new NewDatastore(
        input.string("clientToken"),
        input.optionalString("datastoreName"),
        input.stringMap("tags"),
        input.optionalString("kmsKeyArn"),
        input.optionalString("lambdaAuthorizerArn"),
        input.optionalString("losslessStorageFormat").map(LosslessStorageFormat::valueOf)));
    DatastoreStatus status = result.created() ? DatastoreStatus.CREATING : result.datastore().status();
    return DatastoreDocuments.idAndStatus(result.datastore().id(), status.name());
  }
}
