package org.openahi.core.importing;

import java.util.function.Consumer;
import org.openahi.core.work.Lease;
import org.openahi.core.work.WorkFailedException;

/**
 * The work of one import job: read every input file, write frames and metadata documents as blobs, then
 * commit in one transaction the job's image sets, its per-file outcomes and {@code outputsPending}. Until
 * that commit nothing the job did is visible, so an interrupted job can simply run again.
 */
public interface JobImporter {

    /** Imports the job's files; the commit checks {@code lease} in its transaction. */
    void importFiles(ImportJob job, Lease lease, Consumer<ImportProgress> progress) throws WorkFailedException;
}
