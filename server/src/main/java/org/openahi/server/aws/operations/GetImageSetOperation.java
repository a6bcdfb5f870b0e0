package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.imageset.ImageSetService;
import org.openahi.core.tier.StorageTiers;
import org.openahi.core.tier.TierState;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.aws.protocol.Timestamps;

/**
 * GetImageSet: the properties recorded for the requested version (the latest by default), with the image set's storage
 * tier and last access. Reading them is not an access.
 */
public final class GetImageSetOperation implements OperationHandler {
  private final ImageSetService imageSets;
  private final StorageTiers tiers;

  public GetImageSetOperation(ImageSetService imageSets, StorageTiers tiers) {
    this.imageSets = imageSets;
    this.tiers = tiers;
  }

  @Override
  public String operation() {
    return "GetImageSet";
  }

  @Override
  public ObjectNode handle(Input input) {
    ImageSetService.Found found = imageSets.get(input.string("datastoreId"), input.string("imageSetId"),
        input.optionalString("versionId"));
    ObjectNode output = ImageSetDocuments.version(found.version(), "imageSetWorkflowStatus")
        .put("datastoreId", found.imageSet().datastoreId())
        .put("imageSetArn", imageSets.arn(found.imageSet()));
    TierState tier = tiers.state(found.imageSet());
    output.put("storageTier", tier.tier().name());
    output.set("lastAccessedAt", Timestamps.epochSeconds(tier.lastAccessedAt()));
    return output;
  }
}
