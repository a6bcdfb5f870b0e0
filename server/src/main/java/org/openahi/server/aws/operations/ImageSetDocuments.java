package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.server.aws.protocol.Timestamps;

/** Image set versions and locked image sets in the shapes the model gives them. */
final class ImageSetDocuments {
    private ImageSetDocuments() {}

    /**
     * A version's properties: {@code ImageSetProperties} (ListImageSetVersions, whose workflow status member is
     * {@code ImageSetWorkflowStatus}) or GetImageSet's output ({@code imageSetWorkflowStatus}).
     */
    static ObjectNode version(ImageSetVersion version, String workflowStatusMember) {
        ObjectNode properties = JsonNodeFactory.instance
                .objectNode()
                .put("imageSetId", version.imageSetId())
                .put("versionId", Integer.toString(version.version()))
                .put("imageSetState", version.state().name())
                .put(workflowStatusMember, version.workflowStatus().name());
        properties.set("createdAt", Timestamps.epochSeconds(version.createdAt()));
        properties.set("updatedAt", Timestamps.epochSeconds(version.updatedAt()));
        version.deletedAt().ifPresent(at -> properties.set("deletedAt", Timestamps.epochSeconds(at)));
        version.message().ifPresent(message -> properties.put("message", message));
        if (version.forced()) {
            properties.putObject("overrides").put("forced", true);
        }
        properties.put("isPrimary", version.primary());
        return properties;
    }

    /** An image set a write left LOCKED, as UpdateImageSetMetadata and CopyImageSet report it. */
    static ObjectNode locked(ImageSet imageSet, String versionMember) {
        ObjectNode properties = JsonNodeFactory.instance
                .objectNode()
                .put("imageSetId", imageSet.id())
                .put(versionMember, Integer.toString(imageSet.latestVersion()))
                .put("imageSetState", imageSet.state().name())
                .put("imageSetWorkflowStatus", imageSet.workflowStatus().name());
        properties.set("createdAt", Timestamps.epochSeconds(imageSet.createdAt()));
        properties.set("updatedAt", Timestamps.epochSeconds(imageSet.updatedAt()));
        return properties;
    }
}
