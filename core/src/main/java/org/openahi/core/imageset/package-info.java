/**
 * Image sets and their versions. Synchronous entry points a front door calls: {@link ImageSetReads} (GetImageSet,
 * GetImageSetMetadata, GetImageFrame, ListImageSetVersions), {@link ImageSetSearch} (SearchImageSets) and
 * {@link ImageSetWrites} (UpdateImageSetMetadata, CopyImageSet, DeleteImageSet: checks, then LOCKED versions and a
 * {@link PendingWork}). The background work that ends those versions: {@link ImageSetWork} (run by
 * {@code work.LeasedWorkers}) does each pending work item with its {@link VersionWork} ({@code UpdateWork},
 * {@code CopyWork}, {@code DeleteWork}) from the plan in {@link WorkPlans}. The storage port is
 * {@link ImageSetRepository}.
 */
package org.openahi.core.imageset;
