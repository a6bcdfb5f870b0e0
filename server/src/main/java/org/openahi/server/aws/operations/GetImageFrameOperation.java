package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.http.StreamingPayload;

/** GetImageFrame: the frame's bytes as stored, with the media type of its stored transfer syntax. */
public final class GetImageFrameOperation implements OperationHandler {
    private static final InputMember IMAGE_FRAME_ID = InputMember.of("imageFrameInformation", "imageFrameId");
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private static final InputMember IMAGE_SET_ID = InputMember.of("imageSetId");
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
        String frameId = input.string(IMAGE_FRAME_ID);
        try {
            ImageSetReads.FrameContent frame =
                    imageSets.frame(input.string(DATASTORE_ID), input.string(IMAGE_SET_ID), frameId);
            ObjectNode output = JsonNodeFactory.instance
                    .objectNode()
                    .put("contentType", frame.frame().contentType());
            output.putPOJO(
                    "imageFrameBlob",
                    new StreamingPayload(frame.content(), frame.frame().size()));
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
