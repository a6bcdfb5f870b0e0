package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.page.Page;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

/** ListImageSetVersions: newest version first; {@code maxResults} defaults to the model's maximum, 50. */
public final class ListImageSetVersionsOperation implements OperationHandler {
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private static final InputMember IMAGE_SET_ID = InputMember.of("imageSetId");
    private static final InputMember MAX_RESULTS = InputMember.of("maxResults");
    private static final InputMember NEXT_TOKEN = InputMember.of("nextToken");
    private static final int DEFAULT_MAX_RESULTS = 50;

    private final ImageSetReads imageSets;

    public ListImageSetVersionsOperation(ImageSetReads imageSets) {
        this.imageSets = imageSets;
    }

    @Override
    public String operation() {
        return "ListImageSetVersions";
    }

    @Override
    public ObjectNode handle(Input input) {
        Page<ImageSetVersion> page = imageSets.versions(
                input.string(DATASTORE_ID),
                input.string(IMAGE_SET_ID),
                input.optionalInt(MAX_RESULTS).orElse(DEFAULT_MAX_RESULTS),
                input.optionalString(NEXT_TOKEN));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode list = output.putArray("imageSetPropertiesList");
        page.items().forEach(version -> list.add(ImageSetDocuments.version(version, "ImageSetWorkflowStatus")));
        page.nextToken().ifPresent(token -> output.put("nextToken", token));
        return output;
    }
}
