/**
 * Image sets and their versions. Synchronous entry points a front door calls: {@link org.openahi.core.imageset.ImageSetReads}
 * (GetImageSet, GetImageSetMetadata, GetImageFrame, ListImageSetVersions), {@link org.openahi.core.imageset.ImageSetSearch}
 * (SearchImageSets) and {@link org.openahi.core.imageset.ImageSetWrites} (UpdateImageSetMetadata, CopyImageSet,
 * DeleteImageSet: checks, then LOCKED versions and a {@link org.openahi.core.imageset.PendingWork}). The background
 * work that ends those versions: {@link org.openahi.core.imageset.ImageSetWork} (run by {@code work.LeasedWorkers}) does each pending work item with
 * its {@link org.openahi.core.imageset.VersionWork} ({@code UpdateWork}, {@code CopyWork}, {@code DeleteWork}) from the
 * plan in {@link org.openahi.core.imageset.WorkPlans}. The storage port is {@link org.openahi.core.imageset.ImageSetRepository}.
 */
package org.openahi.core.imageset;
