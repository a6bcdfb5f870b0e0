package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.imageset.ImageSetService;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.aws.protocol.Timestamps;

/** GetImageSet: the properties recorded for the requested version (the latest by default). */
public final class GetImageSetOperation implements OperationHandler {
  private final ImageSetService imageSets;

  public GetImageSetOperation(ImageSetService imageSets) {
    this.imageSets = imageSets;
  }

  @Override
  public String operation() {
    return "GetImageSet";
  }

  @Override
  public ObjectNode handle(Input input) {
    ImageSetService.Found found = imageSets.get(input.string("datastoreId"), input.string("imageSetId"),
        input.optionalString("versionId"));
    ImageSetVersion version = found.version();
    ObjectNode output = JsonNodeFactory.instance.objectNode()
        .put("datastoreId", found.imageSet().datastoreId())
        .put("imageSetId", version.imageSetId())
        .put("versionId", Integer.toString(version.version()))
        .put("imageSetState", version.state().name())
        .put("imageSetWorkflowStatus", version.workflowStatus().name());
    output.set("createdAt", Timestamps.epochSeconds(version.createdAt()));
    output.set("updatedAt", Timestamps.epochSeconds(version.updatedAt()));
    version.deletedAt().ifPresent(at -> output.set("deletedAt", Timestamps.epochSeconds(at)));
    version.message().ifPresent(message -> output.put("message", message));
    output.put("imageSetArn", imageSets.arn(found.imageSet()));
    if (version.forced()) {
      output.putObject("overrides").put("forced", true);
    }
    output.put("isPrimary", version.primary());
    output.put("storageTier", "FREQUENT_ACCESS");
    return output;
  }
}
