package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.importing.ImportJobService;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

/** GetDICOMImportJob; while a job runs, its {@code message} reports progress. */
public final class GetDicomImportJobOperation implements OperationHandler {
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private static final InputMember JOB_ID = InputMember.of("jobId");
    private final ImportJobService imports;

    public GetDicomImportJobOperation(ImportJobService imports) {
        this.imports = imports;
    }

    @Override
    public String operation() {
        return "GetDICOMImportJob";
    }

    @Override
    public ObjectNode handle(Input input) {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.set(
                "jobProperties",
                ImportJobDocuments.properties(imports.get(input.string(DATASTORE_ID), input.string(JOB_ID))));
        return output;
    }
}
