package org.openahi.core.imageset;

import java.util.Optional;

/** Storage port for image sets, their versions and frames; called inside a metadata-store transaction. */
public interface ImageSetRepository {

  void insert(ImageSet imageSet);

  Optional<ImageSet> find(String datastoreId, String imageSetId);

  /** The live (not DELETED) primary image set of a series. */
  Optional<ImageSet> findPrimary(String datastoreId, String seriesInstanceUid);

  /** Records a new latest version's state, status and identity on the image set. */
  void update(ImageSet imageSet);

  void insertVersion(ImageSetVersion version);

  Optional<ImageSetVersion> findVersion(String imageSetId, int version);

  void insertFrame(StoredFrame frame);

  Optional<StoredFrame> findFrame(String imageSetId, String frameId);

  /** Image sets of the data store that are not DELETED. */
  int countNotDeleted(String datastoreId);

  /** True when some frame row or version row refers to the blob. */
  boolean referencesBlob(String key);
}
