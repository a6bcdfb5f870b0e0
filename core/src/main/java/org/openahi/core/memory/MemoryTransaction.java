package org.openahi.core.memory;

import org.openahi.core.datastore.DatastoreRepository;
import org.openahi.core.events.EventOutbox;
import org.openahi.core.exporting.ExportJobRepository;
import org.openahi.core.imageset.ImageSetRepository;
import org.openahi.core.imageset.VersionAuthorRepository;
import org.openahi.core.importing.ImportJobRepository;
import org.openahi.core.importing.StagingRepository;
import org.openahi.core.store.IdempotencyRepository;
import org.openahi.core.store.SecretRepository;
import org.openahi.core.store.Transaction;
import org.openahi.core.tag.TagRepository;
import org.openahi.core.tier.TierRepository;
import org.openahi.core.work.Leases;

/** The repositories over one transaction's tables. */
final class MemoryTransaction implements Transaction {
    private final MemoryTables tables;

    MemoryTransaction(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public DatastoreRepository datastores() {
        return new MemoryDatastoreRepository(tables);
    }

    @Override
    public TagRepository tags() {
        return new MemoryTagRepository(tables);
    }

    @Override
    public ImageSetRepository imageSets() {
        return new MemoryImageSetRepository(tables);
    }

    @Override
    public ImportJobRepository importJobs() {
        return new MemoryImportJobRepository(tables);
    }

    @Override
    public StagingRepository staging() {
        return new MemoryStagingRepository(tables);
    }

    @Override
    public IdempotencyRepository idempotency() {
        return new MemoryIdempotencyRepository(tables);
    }

    @Override
    public SecretRepository secrets() {
        return new MemorySecretRepository(tables);
    }

    @Override
    public VersionAuthorRepository versionAuthors() {
        return new MemoryVersionAuthorRepository(tables);
    }

    @Override
    public TierRepository tiers() {
        return new MemoryTierRepository(tables);
    }

    @Override
    public EventOutbox events() {
        return new MemoryEventOutbox(tables);
    }

    @Override
    public ExportJobRepository exports() {
        return new MemoryExportJobRepository(tables);
    }

    @Override
    public Leases leases() {
        return new MemoryLeases(tables);
    }
}
