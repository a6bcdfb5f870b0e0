/**
 * Instances coming in. StartDICOMImportJob, GetDICOMImportJob, ListDICOMImportJobs ({@link ImportJobService}); the job
 * as background work ({@link ImportJobWork} run by {@link org.openahi.core.work.LeasedWorkers},
 * {@link DicomJobImporter} reads its files, {@link ImportCommit} groups them into image sets in one transaction,
 * {@link ImportManifests} writes its output). Instances handed over one at a time (STOW-RS, DIMSE C-STORE) go through
 * {@link InstanceIngest}: staged durably, then folded into image sets by {@link FoldRunner}. {@link ImportStorage} is
 * the port for the folders jobs read from and write to.
 */
package org.openahi.core.importing;
