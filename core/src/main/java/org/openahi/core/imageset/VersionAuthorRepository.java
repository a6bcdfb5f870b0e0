package org.openahi.core.imageset;

import java.util.List;

/** Who made each version of an image set ({@link VersionAuthor}), recorded when the version is made. */
public interface VersionAuthorRepository {

    /** Records a version's author; a version already recorded keeps its first author. */
    void record(VersionAuthor author);

    /** The recorded authors of an image set's versions, oldest version first. */
    List<VersionAuthor> list(String imageSetId);
}
