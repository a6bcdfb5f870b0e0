package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.importing.ImportJobService;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.importing.MetadataMapping;
import org.openahi.core.importing.NewImportJob;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.aws.protocol.Timestamps;

/**
 * StartDICOMImportJob. {@code inputS3Uri}/{@code outputS3Uri} may also be {@code file:///} folders (openahi's
 * extension). The role ARN is stored, not assumed. {@code importConfiguration}'s DICOM JSON metadata mappings go with
 * the job ({@link MetadataMapping}).
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
    ImportJobService.Started started = imports.start(input.string("datastoreId"), new NewImportJob(
        input.string("clientToken"), input.optionalString("jobName"), input.string("dataAccessRoleArn"),
        input.string("inputS3Uri"), input.string("outputS3Uri"), input.optionalString("inputOwnerAccountId"),
        metadataMappings(input.node("importConfiguration"))));
    ObjectNode output = JsonNodeFactory.instance.objectNode()
        .put("datastoreId", started.job().datastoreId())
        .put("jobId", started.job().id())
        .put("jobStatus", (started.created() ? ImportJobStatus.SUBMITTED : started.job().status()).name());
    output.set("submittedAt", Timestamps.epochSeconds(started.job().submittedAt()));
    return output;
  }

  /** The union's one member the model knows; its shape (1 to 1000 mappings, lengths) was checked against the model. */
  private static List<MetadataMapping> metadataMappings(Optional<JsonNode> configuration) {
    List<MetadataMapping> mappings = new ArrayList<>();
    configuration.map(node -> node.path("dicomJsonMetadataImportConfiguration").path("dicomMetadataMappings"))
        .ifPresent(array -> array.forEach(mapping -> mappings.add(new MetadataMapping(
            mapping.path("studyInstanceUID").asText(),
            Optional.ofNullable(mapping.get("seriesInstanceUID")).map(JsonNode::asText),
            mapping.path("metadataFilePath").asText()))));
    return mappings;
  }
}
