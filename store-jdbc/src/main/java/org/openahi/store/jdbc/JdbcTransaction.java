package org.openahi.store.jdbc;

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

/** The repositories of one JDBC transaction, all on its connection. */
final class JdbcTransaction implements Transaction {
    private final Sql sql;

    JdbcTransaction(Sql sql) {
        this.sql = sql;
    }

    @Override
    public DatastoreRepository datastores() {
        return new JdbcDatastoreRepository(sql);
    }

    @Override
    public TagRepository tags() {
        return new JdbcTagRepository(sql);
    }

    @Override
    public ImageSetRepository imageSets() {
        return new JdbcImageSetRepository(sql);
    }

    @Override
    public ImportJobRepository importJobs() {
        return new JdbcImportJobRepository(sql);
    }

    @Override
    public StagingRepository staging() {
        return new JdbcStagingRepository(sql);
    }

    @Override
    public IdempotencyRepository idempotency() {
        return new JdbcIdempotencyRepository(sql);
    }

    @Override
    public SecretRepository secrets() {
        return new JdbcSecretRepository(sql);
    }

    @Override
    public VersionAuthorRepository versionAuthors() {
        return new JdbcVersionAuthorRepository(sql);
    }

    @Override
    public TierRepository tiers() {
        return new JdbcTierRepository(sql);
    }

    @Override
    public EventOutbox events() {
        return new JdbcEventOutbox(sql);
    }

    @Override
    public ExportJobRepository exports() {
        return new JdbcExportJobRepository(sql);
    }

    @Override
    public Leases leases() {
        return new JdbcLeases(sql);
    }
}
