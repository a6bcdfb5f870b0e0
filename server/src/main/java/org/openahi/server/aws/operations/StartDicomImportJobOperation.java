package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.importing.ImportJobService;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.importing.NewImportJob;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.aws.protocol.Timestamps;

/**
 * StartDICOMImportJob. {@code inputS3Uri}/{@code outputS3Uri} may also be {@code file:///} folders (openahi's
 * extension). The role ARN is stored, not assumed; {@code importConfiguration} is refused until openahi
 * implements DICOM JSON metadata import, rather than silently ignored.
 */
public final class StartDicomImportJobOperation implements OperationHandler {
  private static final InputMember IMPORT_CONFIGURATION = InputMember.of("importConfiguration");
  private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
  private static final InputMember CLIENT_TOKEN = InputMember.of("clientToken");
  private static final InputMember JOB_NAME = InputMember.of("jobName");
  private static final InputMember DATA_ACCESS_ROLE_ARN = InputMember.of("dataAccessRoleArn");
  private static final InputMember INPUT_S3_URI = InputMember.of("inputS3Uri");
  private static final InputMember OUTPUT_S3_URI = InputMember.of("outputS3Uri");
  private static final InputMember INPUT_OWNER_ACCOUNT_ID = InputMember.of("inputOwnerAccountId");
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
    if (input.node(IMPORT_CONFIGURATION).isPresent()) {
      throw new InvalidRequest("importConfiguration (DICOM JSON metadata import) is not supported by openahi yet");
    }
    ImportJobService.Started started = imports.start(input.string(DATASTORE_ID), new NewImportJob(
        input.string(CLIENT_TOKEN), input.optionalString(JOB_NAME), input.string(DATA_ACCESS_ROLE_ARN),
        input.string(INPUT_S3_URI), input.string(OUTPUT_S3_URI), input.optionalString(INPUT_OWNER_ACCOUNT_ID)));
    ObjectNode output = JsonNodeFactory.instance.objectNode()
        .put("datastoreId", started.job().datastoreId())
        .put("jobId", started.job().id())
        .put("jobStatus", (started.created() ? ImportJobStatus.SUBMITTED : started.job().status()).name());
    output.set("submittedAt", Timestamps.epochSeconds(started.job().submittedAt()));
    return output;
  }
}
