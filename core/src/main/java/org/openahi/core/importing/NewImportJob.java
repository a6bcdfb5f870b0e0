package org.openahi.core.importing;

import java.util.List;
import java.util.Optional;

/**
 * What StartDICOMImportJob asks for, already checked against the model's constraints; {@code metadataMappings} is
 * empty without an {@code importConfiguration}.
 */
public record NewImportJob(
        String clientToken,
        Optional<String> name,
        String dataAccessRoleArn,
        String inputUri,
        String outputUri,
        Optional<String> inputOwnerAccountId,
        List<MetadataMapping> metadataMappings) {
    public NewImportJob {
        metadataMappings = List.copyOf(metadataMappings);
    }
}
