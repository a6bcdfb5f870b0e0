package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;

/** DeleteImageSet: answers LOCKED / DELETING; the image set becomes DELETED in the background. */
public final class DeleteImageSetOperation implements OperationHandler {
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
    ImageSet deleting = writes.delete(input.string("datastoreId"), input.string("imageSetId"));
    return JsonNodeFactory.instance.objectNode()
        .put("datastoreId", deleting.datastoreId())
        .put("imageSetId", deleting.id())
        .put("imageSetState", deleting.state().name())
        .put("imageSetWorkflowStatus", deleting.workflowStatus().name());
  }
}
