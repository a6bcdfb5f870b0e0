/**
 * Instances coming in. StartDICOMImportJob, GetDICOMImportJob, ListDICOMImportJobs
 * ({@link org.openahi.core.importing.ImportJobService}); the job as background work ({@link org.openahi.core.importing.ImportJobWork}
 * run by {@link org.openahi.core.work.LeasedWorkers}, {@link org.openahi.core.importing.DicomJobImporter} reads its files, {@link org.openahi.core.importing.ImportCommit}
 * groups them into image sets in one transaction, {@link org.openahi.core.importing.ImportManifests} writes its output).
 * Instances handed over one at a time (STOW-RS, DIMSE C-STORE) go through {@link org.openahi.core.importing.InstanceIngest}:
 * staged durably, then folded into image sets by {@link org.openahi.core.importing.FoldRunner}.
 * {@link org.openahi.core.importing.ImportStorage} is the port for the folders jobs read from and write to.
 */
package org.openahi.core.importing;
