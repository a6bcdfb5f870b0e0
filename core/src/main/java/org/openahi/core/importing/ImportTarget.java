package org.openahi.core.importing;

import java.util.List;
import java.util.Optional;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetIdentity;

/**
 * An image set a job's instances go to: an existing primary image set (which gets a new version) or a new
 * one, primary or not. {@code imageSetId} is the existing set's id or the new one's.
 */
record ImportTarget(
        String imageSetId,
        Optional<ImageSet> existing,
        boolean primary,
        ImageSetIdentity identity,
        List<StagedInstance> instances) {}
