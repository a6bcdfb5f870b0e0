package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.history.VersionAuthors;

/** UpdateImageSetMetadata: an edit or a revert, answered LOCKED / UPDATING with the new version's number. */
public final class UpdateImageSetMetadataOperation implements OperationHandler {
  private final ImageSetWrites writes;
  private final VersionAuthors authors;

  public UpdateImageSetMetadataOperation(ImageSetWrites writes, VersionAuthors authors) {
    this.writes = writes;
    this.authors = authors;
  }

  @Override
  public String operation() {
    return "UpdateImageSetMetadata";
  }

  @Override
  public ObjectNode handle(Input input) {
    JsonNode updates = input.node("updateImageSetMetadataUpdates").orElseThrow();
    ImageSetWrites.MetadataUpdate update = updates.has("revertToVersionId")
        ? new ImageSetWrites.Revert(updates.get("revertToVersionId").asText())
        : new ImageSetWrites.Edit(bytes(updates.path("DICOMUpdates").get("updatableAttributes")),
            bytes(updates.path("DICOMUpdates").get("removableAttributes")));
    ImageSet updating = writes.update(input.string("datastoreId"), input.string("imageSetId"),
        input.string("latestVersionId"), update, input.optionalBoolean("force").orElse(false),
        input.optionalBoolean("includeStudyImageSets").orElse(false));
    authors.recordLatest(updating, operation());
    return ImageSetDocuments.locked(updating, "latestVersionId").put("datastoreId", updating.datastoreId());
  }

  private static byte[] bytes(JsonNode blob) {
    try {
      return blob == null || blob.isNull() ? null : blob.binaryValue();
    } catch (IOException e) {
      throw new UncheckedIOException("A bound blob is binary", e);
    }
  }
}
