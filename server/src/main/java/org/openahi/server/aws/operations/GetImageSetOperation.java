package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;

/** GetImageSet: the properties recorded for the requested version (the latest by default). */
public final class GetImageSetOperation implements OperationHandler {
  private final ImageSetReads imageSets;

  public GetImageSetOperation(ImageSetReads imageSets) {
    this.imageSets = imageSets;
  }

  @Override
  public String operation() {
    return "GetImageSet";
  }

  @Override
  public ObjectNode handle(Input input) {
    ImageSetReads.Found found = imageSets.get(input.string("datastoreId"), input.string("imageSetId"),
        input.optionalString("versionId"));
    ObjectNode output = ImageSetDocuments.version(found.version(), "imageSetWorkflowStatus")
        .put("datastoreId", found.imageSet().datastoreId())
        .put("imageSetArn", imageSets.arn(found.imageSet()))
        .put("storageTier", "FREQUENT_ACCESS");
    return output;
  }
}
