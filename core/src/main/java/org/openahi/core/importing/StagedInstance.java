package org.openahi.core.importing;

import java.util.List;
import java.util.Optional;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.metadata.InstanceMetadata;

/**
 * An input file read, its frames already stored as blobs, waiting for the job's commit to join an image set.
 * {@code sequence} is the file's place in the input, so outcomes keep the input's order.
 */
record StagedInstance(int sequence, String inputFile, Optional<String> sopClassUid, ImageSetIdentity identity,
                      InstanceMetadata metadata, List<StagedFrame> frames, Optional<String> warning) {

  /** A frame blob written for this instance. */
  record StagedFrame(String frameId, String blobKey, String contentType, long size) {
  }
}
