package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetService;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.history.VersionAuthors;

/**
 * CopyImageSet: answers with the source LOCKED / COPYING_WITH_READ_ONLY_ACCESS at its unchanged version and the
 * destination LOCKED / COPYING at its new one.
 */
public final class CopyImageSetOperation implements OperationHandler {
  private final ImageSetWrites writes;
  private final ImageSetService imageSets;
  private final VersionAuthors authors;

  public CopyImageSetOperation(ImageSetWrites writes, ImageSetService imageSets, VersionAuthors authors) {
    this.writes = writes;
    this.imageSets = imageSets;
    this.authors = authors;
  }

  @Override
  public String operation() {
    return "CopyImageSet";
  }

  @Override
  public ObjectNode handle(Input input) {
    JsonNode information = input.node("copyImageSetInformation").orElseThrow();
    JsonNode source = information.path("sourceImageSet");
    JsonNode destination = information.path("destinationImageSet");
    ImageSetWrites.CopyRequest request = new ImageSetWrites.CopyRequest(input.string("sourceImageSetId"),
        source.path("latestVersionId").asText(),
        Optional.ofNullable(source.path("DICOMCopies").get("copiableAttributes")).map(JsonNode::asText),
        destination.isMissingNode() || destination.isNull() ? Optional.empty()
            : Optional.of(new ImageSetWrites.Destination(destination.path("imageSetId").asText(),
                destination.path("latestVersionId").asText())),
        input.optionalBoolean("force").orElse(false), input.optionalBoolean("promoteToPrimary").orElse(false));
    ImageSetWrites.Copying copying = writes.copy(input.string("datastoreId"), request);
    authors.recordLatest(copying.destination(), operation());
    ObjectNode output = JsonNodeFactory.instance.objectNode().put("datastoreId", copying.source().datastoreId());
    output.set("sourceImageSetProperties", withArn(copying.source()));
    output.set("destinationImageSetProperties", withArn(copying.destination()));
    return output;
  }

  private ObjectNode withArn(ImageSet imageSet) {
    return ImageSetDocuments.locked(imageSet, "latestVersionId").put("imageSetArn", imageSets.arn(imageSet));
  }
}
