package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.http.StreamingPayload;

/** GetImageFrame: the frame's bytes as stored, with the media type of its stored transfer syntax. */
public final class GetImageFrameOperation implements OperationHandler {
  private final ImageSetReads imageSets;

  public GetImageFrameOperation(ImageSetReads imageSets) {
    this.imageSets = imageSets;
  }

  @Override
  public String operation() {
    return "GetImageFrame";
  }

  @Override
  public ObjectNode handle(Input input) {
    String frameId = input.node("imageFrameInformation").orElseThrow().get("imageFrameId").asText();
    try {
      ImageSetReads.FrameContent frame = imageSets.frame(input.string("datastoreId"), input.string("imageSetId"),
          frameId);
      ObjectNode output = JsonNodeFactory.instance.objectNode().put("contentType", frame.frame().contentType());
      output.putPOJO("imageFrameBlob", new StreamingPayload(frame.content(), frame.frame().size()));
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
