package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.http.StreamingPayload;

/** GetImageSetMetadata: the version's document, stored gzip-compressed at import and sent as stored. */
public final class GetImageSetMetadataOperation implements OperationHandler {
  private final ImageSetReads imageSets;

  public GetImageSetMetadataOperation(ImageSetReads imageSets) {
    this.imageSets = imageSets;
  }

  @Override
  public String operation() {
    return "GetImageSetMetadata";
  }

  @Override
  public ObjectNode handle(Input input) {
    try {
      ObjectNode output = JsonNodeFactory.instance.objectNode()
          .put("contentType", "application/json")
          .put("contentEncoding", "gzip");
      output.putPOJO("imageSetMetadataBlob", new StreamingPayload(imageSets.metadata(input.string("datastoreId"),
          input.string("imageSetId"), input.optionalString("versionId")), -1));
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
