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

/** GetImageSetMetadata: the version's document, stored gzip-compressed at import and sent as stored. */
public final class GetImageSetMetadataOperation implements OperationHandler {
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private static final InputMember IMAGE_SET_ID = InputMember.of("imageSetId");
    private static final InputMember VERSION_ID = InputMember.of("versionId");
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
            ObjectNode output = JsonNodeFactory.instance
                    .objectNode()
                    .put("contentType", "application/json")
                    .put("contentEncoding", "gzip");
            output.putPOJO(
                    "imageSetMetadataBlob",
                    new StreamingPayload(
                            imageSets.metadata(
                                    input.string(DATASTORE_ID),
                                    input.string(IMAGE_SET_ID),
                                    input.optionalString(VERSION_ID)),
                            -1));
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
