package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.history.VersionAuthors;

/**
 * CopyImageSet: answers with the source LOCKED / COPYING_WITH_READ_ONLY_ACCESS at its unchanged version and the
 * destination LOCKED / COPYING at its new one.
 */
public final class CopyImageSetOperation implements OperationHandler {
    private static final InputMember SOURCE_LATEST_VERSION_ID =
            InputMember.of("copyImageSetInformation", "sourceImageSet", "latestVersionId");
    private static final InputMember COPIABLE_ATTRIBUTES =
            InputMember.of("copyImageSetInformation", "sourceImageSet", "DICOMCopies", "copiableAttributes");
    private static final InputMember DESTINATION = InputMember.of("copyImageSetInformation", "destinationImageSet");
    private static final InputMember DESTINATION_IMAGE_SET_ID =
            InputMember.of("copyImageSetInformation", "destinationImageSet", "imageSetId");
    private static final InputMember DESTINATION_LATEST_VERSION_ID =
            InputMember.of("copyImageSetInformation", "destinationImageSet", "latestVersionId");
    private static final InputMember SOURCE_IMAGE_SET_ID = InputMember.of("sourceImageSetId");
    private static final InputMember FORCE = InputMember.of("force");
    private static final InputMember PROMOTE_TO_PRIMARY = InputMember.of("promoteToPrimary");
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private final ImageSetWrites writes;
    private final ImageSetReads imageSets;
    private final VersionAuthors authors;

    public CopyImageSetOperation(ImageSetWrites writes, ImageSetReads imageSets, VersionAuthors authors) {
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
        // Validation has checked the required members; an absent optional text reads as "" as it always has.
        ImageSetWrites.CopyRequest request = new ImageSetWrites.CopyRequest(
                input.string(SOURCE_IMAGE_SET_ID),
                input.optionalString(SOURCE_LATEST_VERSION_ID).orElse(""),
                input.optionalString(COPIABLE_ATTRIBUTES),
                input.node(DESTINATION)
                                .filter(destination -> !destination.isNull())
                                .isEmpty()
                        ? Optional.empty()
                        : Optional.of(new ImageSetWrites.Destination(
                                input.optionalString(DESTINATION_IMAGE_SET_ID).orElse(""),
                                input.optionalString(DESTINATION_LATEST_VERSION_ID)
                                        .orElse(""))),
                input.optionalBoolean(FORCE).orElse(false),
                input.optionalBoolean(PROMOTE_TO_PRIMARY).orElse(false));
        ImageSetWrites.Copying copying = writes.copy(input.string(DATASTORE_ID), request);
        authors.recordLatest(copying.destination(), operation());
        ObjectNode output = JsonNodeFactory.instance
                .objectNode()
                .put("datastoreId", copying.source().datastoreId());
        output.set("sourceImageSetProperties", withArn(copying.source()));
        output.set("destinationImageSetProperties", withArn(copying.destination()));
        return output;
    }

    private ObjectNode withArn(ImageSet imageSet) {
        return ImageSetDocuments.locked(imageSet, "latestVersionId").put("imageSetArn", imageSets.arn(imageSet));
    }
}
