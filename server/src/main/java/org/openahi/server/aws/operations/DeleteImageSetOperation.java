package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;

/** DeleteImageSet: answers LOCKED / DELETING; the image set becomes DELETED in the background. */
public final class DeleteImageSetOperation implements OperationHandler {
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private static final InputMember IMAGE_SET_ID = InputMember.of("imageSetId");
    private final ImageSetWrites writes;

    public DeleteImageSetOperation(ImageSetWrites writes) {
        this.writes = writes;
    }

    @Override
    public String operation() {
        return "DeleteImageSet";
    }

    @Override
    public ObjectNode handle(Input input) {
        ImageSet deleting = writes.delete(input.string(DATASTORE_ID), input.string(IMAGE_SET_ID));
        return JsonNodeFactory.instance
                .objectNode()
                .put("datastoreId", deleting.datastoreId())
                .put("imageSetId", deleting.id())
                .put("imageSetState", deleting.state().name())
                .put("imageSetWorkflowStatus", deleting.workflowStatus().name());
    }
}
