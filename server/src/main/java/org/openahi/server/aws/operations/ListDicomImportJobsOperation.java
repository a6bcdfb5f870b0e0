package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobService;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.page.Page;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

/** ListDICOMImportJobs: newest first; without maxResults a page holds 50. */
public final class ListDicomImportJobsOperation implements OperationHandler {
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private static final InputMember JOB_STATUS = InputMember.of("jobStatus");
    private static final InputMember MAX_RESULTS = InputMember.of("maxResults");
    private static final InputMember NEXT_TOKEN = InputMember.of("nextToken");
    private final ImportJobService imports;

    public ListDicomImportJobsOperation(ImportJobService imports) {
        this.imports = imports;
    }

    @Override
    public String operation() {
        return "ListDICOMImportJobs";
    }

    @Override
    public ObjectNode handle(Input input) {
        Page<ImportJob> page = imports.list(
                input.string(DATASTORE_ID),
                input.optionalString(JOB_STATUS).map(ImportJobStatus::valueOf),
                input.optionalInt(MAX_RESULTS).orElse(ListDatastoresOperation.DEFAULT_MAX_RESULTS),
                input.optionalString(NEXT_TOKEN));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode summaries = output.putArray("jobSummaries");
        page.items().forEach(job -> summaries.add(ImportJobDocuments.summary(job)));
        page.nextToken().ifPresent(token -> output.put("nextToken", token));
        return output;
    }
}
