/**
 * openahi's export jobs (docs/export.md): {@link ExportJobs} starts and reads them; the job as background work is
 * {@link ExportJobWork}, run by {@link org.openahi.core.work.LeasedWorkers}, which writes each selected instance as a
 * DICOM Part 10 file where import jobs read and write ({@link org.openahi.core.importing.ImportStorage}).
 */
package org.openahi.core.exporting;
