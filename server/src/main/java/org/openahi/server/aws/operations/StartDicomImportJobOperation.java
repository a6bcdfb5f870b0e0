package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.importing.ImportJobService;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.importing.MetadataMapping;
import org.openahi.core.importing.NewImportJob;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.aws.protocol.Timestamps;

/**
 * StartDICOMImportJob. {@code inputS3Uri}/{@code outputS3Uri} may also be {@code file:///} folders (openahi's
 * extension). The role ARN is stored, not assumed. {@code importConfiguration}'s DICOM JSON metadata mappings go with
 * the job ({@link MetadataMapping}).
 */
public final class StartDicomImportJobOperation implements OperationHandler {
    private static final InputMember METADATA_MAPPINGS =
            InputMember.of("importConfiguration", "dicomJsonMetadataImportConfiguration", "dicomMetadataMappings");
    private static final InputMember MAPPING_STUDY = InputMember.of(
            "importConfiguration", "dicomJsonMetadataImportConfiguration", "dicomMetadataMappings", "studyInstanceUID");
    private static final InputMember MAPPING_SERIES = InputMember.of(
            "importConfiguration",
            "dicomJsonMetadataImportConfiguration",
            "dicomMetadataMappings",
            "seriesInstanceUID");
    private static final InputMember MAPPING_FILE = InputMember.of(
            "importConfiguration", "dicomJsonMetadataImportConfiguration", "dicomMetadataMappings", "metadataFilePath");
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
        ImportJobService.Started started = imports.start(
                input.string(DATASTORE_ID),
                new NewImportJob(
                        input.string(CLIENT_TOKEN),
                        input.optionalString(JOB_NAME),
                        input.string(DATA_ACCESS_ROLE_ARN),
                        input.string(INPUT_S3_URI),
                        input.string(OUTPUT_S3_URI),
                        input.optionalString(INPUT_OWNER_ACCOUNT_ID),
                        metadataMappings(input.node(METADATA_MAPPINGS))));
        ObjectNode output = JsonNodeFactory.instance
                .objectNode()
                .put("datastoreId", started.job().datastoreId())
                .put("jobId", started.job().id())
                .put(
                        "jobStatus",
                        (started.created()
                                        ? ImportJobStatus.SUBMITTED
                                        : started.job().status())
                                .name());
        output.set("submittedAt", Timestamps.epochSeconds(started.job().submittedAt()));
        return output;
    }

    /**
     * The mappings of importConfiguration's one union member the model knows; their shape (1 to 1000 mappings, lengths)
     * was checked against the model.
     */
    private static List<MetadataMapping> metadataMappings(Optional<JsonNode> array) {
        List<MetadataMapping> mappings = new ArrayList<>();
        array.ifPresent(nodes -> nodes.forEach(mapping -> mappings.add(new MetadataMapping(
                mapping.path(MAPPING_STUDY.name()).asText(),
                Optional.ofNullable(mapping.get(MAPPING_SERIES.name())).map(JsonNode::asText),
                mapping.path(MAPPING_FILE.name()).asText()))));
        return mappings;
    }
}
