package org.openahi.core.datastore;

import java.util.Map;
import java.util.Optional;

/** What CreateDatastore asks for, already checked against the model's constraints by the front door. */
public record NewDatastore(
        String clientToken,
        Optional<String> name,
        Map<String, String> tags,
        Optional<String> kmsKeyArn,
        Optional<String> lambdaAuthorizerArn,
        Optional<LosslessStorageFormat> losslessStorageFormat) {
    public NewDatastore {
        tags = Map.copyOf(tags);
    }
}
