package org.openahi.core.importing;

import java.util.List;
import java.util.Optional;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.metadata.InstanceMetadata;

/**
 * An instance read, its frames already stored as blobs, waiting to be folded into an image set ({@link ImportCommit}).
 * {@code id} names it from staging to the document part it becomes; {@code sequence} is its place in the work's
 * input (an import job's file list, a STOW-RS request's parts), so outcomes keep the input's order.
 */
public record StagedInstance(
        String id,
        int sequence,
        String inputFile,
        Optional<String> sopClassUid,
        ImageSetIdentity identity,
        InstanceMetadata metadata,
        List<StagedFrame> frames,
        Optional<String> warning) {

    public StagedInstance {
        frames = List.copyOf(frames);
    }

    /** A frame blob written for this instance. */
    public record StagedFrame(String frameId, String blobKey, String contentType, long size) {}
}
