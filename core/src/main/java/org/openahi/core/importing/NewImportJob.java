package org.openahi.core.importing;

import java.util.Optional;

/** What StartDICOMImportJob asks for, already checked against the model's constraints. */
public record NewImportJob(String clientToken, Optional<String> name, String dataAccessRoleArn, String inputUri,
                           String outputUri, Optional<String> inputOwnerAccountId) {
}
