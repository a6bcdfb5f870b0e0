package org.openahi.core.datastore;

import java.time.Instant;
import java.util.Optional;

/**
 * A data store as recorded. {@code kmsKeyArn} and {@code lambdaAuthorizerArn} are kept as given; openahi
 * does not enforce them yet.
 */
public record Datastore(
        String id,
        String name,
        DatastoreStatus status,
        Optional<String> kmsKeyArn,
        Optional<String> lambdaAuthorizerArn,
        LosslessStorageFormat losslessStorageFormat,
        Instant createdAt,
        Instant updatedAt) {

    Datastore withStatus(DatastoreStatus newStatus, Instant at) {
        return new Datastore(id, name, newStatus, kmsKeyArn, lambdaAuthorizerArn, losslessStorageFormat, createdAt, at);
    }
}
