package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.importing.ImportJobService;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.importing.NewImportJob;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.aws.protocol.Timestamps;

/**
 * StartDICOMImportJob. {@code inputS3Uri}/{@code outputS3Uri} may also be {@code file:///} folders (openahi's
 * extension). The role ARN is stored, not assumed; {@code importConfiguration} is refused until openahi
 * implements DICOM JSON metadata import, rather than silently ignored.
 */
public final class StartDicomImportJobOperation implements OperationHandler {
  private final ImportJobService imports;

  public StartDicomImportJobOperation(ImportJobService imports) {
    this.imports = imports;
  }

  @Override
  public String operation() {
    return "StartDICOMImportJob";
  }

  @Override
  public ObjectNode handle(Input input) {
    if (input.node("importConfiguration").isPresent()) {
      throw new InvalidRequest("importConfiguration (DICOM JSON metadata import) is not supported by openahi yet");
    }
    ImportJobService.Started started = imports.start(input.string("datastoreId"), new NewImportJob(
        input.string("clientToken"), input.optionalString("jobName"), input.string("dataAccessRoleArn"),
        input.string("inputS3Uri"), input.string("outputS3Uri"), input.optionalString("inputOwnerAccountId")));
    ObjectNode output = JsonNodeFactory.instance.objectNode()
        .put("datastoreId", started.job().datastoreId())
        .put("jobId", started.job().id())
        .put("jobStatus", (started.created() ? ImportJobStatus.SUBMITTED : started.job().status()).name());
    output.set("submittedAt", Timestamps.epochSeconds(started.job().submittedAt()));
    return output;
  }
}
