package org.openahi.core.store;

import org.openahi.core.datastore.DatastoreRepository;
import org.openahi.core.events.EventOutbox;
import org.openahi.core.exporting.ExportJobRepository;
import org.openahi.core.imageset.ImageSetRepository;
import org.openahi.core.imageset.VersionAuthorRepository;
import org.openahi.core.importing.ImportJobRepository;
import org.openahi.core.importing.StagingRepository;
import org.openahi.core.tag.TagRepository;
import org.openahi.core.tier.TierRepository;
import org.openahi.core.work.Leases;

/** The repositories of one metadata-store transaction. */
public interface Transaction {

    DatastoreRepository datastores();

    TagRepository tags();

    ImageSetRepository imageSets();

    ImportJobRepository importJobs();

    StagingRepository staging();

    IdempotencyRepository idempotency();

    SecretRepository secrets();

    VersionAuthorRepository versionAuthors();

    TierRepository tiers();

    /** The events changes report, and their delivery cursors (docs/events.md). */
    EventOutbox events();

    /** openahi's export jobs (docs/export.md). */
    ExportJobRepository exports();

    /** The leases background work is claimed and fenced with. */
    Leases leases();
}
