package org.openahi.core.events;

import java.util.Optional;
import java.util.Set;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.WorkflowStatus;

/**
 * Which AHI event an image set's change is: the detail-type of the workflow status it enters, when AHI has one
 * for it. An ending (Copied, Updated, Deleted and their failures) counts only after the matching beginning, so the
 * source of a copy going back to its own status, or a delete that failed, reports nothing (AHI lists no event for
 * either); "Image Set Copying" is reported with its source when the copy is recorded (see RecordingImageSets).
 */
final class ImageSetTransitions {
    private static final Set<WorkflowStatus> UPDATING =
            Set.of(WorkflowStatus.UPDATING, WorkflowStatus.UPDATING_FOR_STUDY_CONSISTENCY);

    private ImageSetTransitions() {}

    static Optional<String> inserted(ImageSet created) {
        return created.workflowStatus() == WorkflowStatus.CREATED ? Optional.of("Image Set Created") : Optional.empty();
    }

    static Optional<String> updated(ImageSet before, ImageSet after) {
        if (before.workflowStatus() == after.workflowStatus()
                && before.state() == after.state()
                && before.latestVersion() == after.latestVersion()) {
            return Optional.empty();
        }
        WorkflowStatus was = before.workflowStatus();
        String detailType = switch (after.workflowStatus()) {
            case COPYING_WITH_READ_ONLY_ACCESS -> "Image Set Copying With Read Only Access";
            case UPDATING, UPDATING_FOR_STUDY_CONSISTENCY -> "Image Set Updating";
            case DELETING -> "Image Set Deleting";
            case COPIED -> was == WorkflowStatus.COPYING ? "Image Set Copied" : null;
            case COPY_FAILED -> was == WorkflowStatus.COPYING ? "Image Set Copy Failed" : null;
            case UPDATED -> UPDATING.contains(was) ? "Image Set Updated" : null;
            case UPDATE_FAILED -> UPDATING.contains(was) ? "Image Set Update Failed" : null;
            case DELETED -> was == WorkflowStatus.DELETING ? "Image Set Deleted" : null;
            default -> null;
        };
        return Optional.ofNullable(detailType);
    }
}
