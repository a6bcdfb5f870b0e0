package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.history.VersionAuthors;

/** UpdateImageSetMetadata: an edit or a revert, answered LOCKED / UPDATING with the new version's number. */
public final class UpdateImageSetMetadataOperation implements OperationHandler {
    private static final InputMember REVERT_TO_VERSION_ID =
            InputMember.of("updateImageSetMetadataUpdates", "revertToVersionId");
    private static final InputMember UPDATABLE_ATTRIBUTES =
            InputMember.of("updateImageSetMetadataUpdates", "DICOMUpdates", "updatableAttributes");
    private static final InputMember REMOVABLE_ATTRIBUTES =
            InputMember.of("updateImageSetMetadataUpdates", "DICOMUpdates", "removableAttributes");
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private static final InputMember IMAGE_SET_ID = InputMember.of("imageSetId");
    private static final InputMember LATEST_VERSION_ID = InputMember.of("latestVersionId");
    private static final InputMember FORCE = InputMember.of("force");
    private static final InputMember INCLUDE_STUDY_IMAGE_SETS = InputMember.of("includeStudyImageSets");
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
        Optional<String> revertTo = input.optionalString(REVERT_TO_VERSION_ID);
        ImageSetWrites.MetadataUpdate update = revertTo.isPresent()
                ? new ImageSetWrites.Revert(revertTo.get())
                : new ImageSetWrites.Edit(
                        bytes(input.node(UPDATABLE_ATTRIBUTES).orElse(null)),
                        bytes(input.node(REMOVABLE_ATTRIBUTES).orElse(null)));
        ImageSet updating = writes.update(
                input.string(DATASTORE_ID),
                input.string(IMAGE_SET_ID),
                input.string(LATEST_VERSION_ID),
                update,
                input.optionalBoolean(FORCE).orElse(false),
                input.optionalBoolean(INCLUDE_STUDY_IMAGE_SETS).orElse(false));
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
