package org.openahi.core.memory;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.events.DeliveryCursor;
import org.openahi.core.events.OutboxEvent;
import org.openahi.core.exporting.ExportJob;
import org.openahi.core.imageset.DicomWebIndex;
import org.openahi.core.imageset.DocumentPart;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetSummary;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.PendingWork;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.VersionAuthor;
import org.openahi.core.importing.FileOutcome;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.StagedInstance;
import org.openahi.core.store.IdempotencyRepository;
import org.openahi.core.tier.StorageTier;

/**
 * Every table of the metadata store, as immutable rows in maps kept in insertion order (what a table scan returns
 * first). A write transaction works on a copy ({@link #draft()}) that becomes the committed state when it succeeds;
 * the committed state is read-only ({@link #committed()}), so a read transaction that tries to write fails. Keys and
 * the SQL schema's foreign keys are checked as the databases check them, so what fails there fails here.
 */
final class MemoryTables {
    /** A composite key. */
    record Pair<A, B>(A first, B second) {}

    /** An image set with the columns that search it. {@code summary} is null until one is recorded. */
    record ImageSetRow(
            ImageSet imageSet,
            ImageSetSummary summary,
            String referringPhysicianName,
            String seriesDescription,
            Long seriesNumber,
            boolean dicomWebIndexed) {}

    /** A lease of background work: its holder, epoch and expiry ({@code null} once released). */
    record LeaseRow(String owner, long epoch, Instant expiresAt) {}

    record PendingWorkRow(PendingWork work, Instant createdAt) {}

    record StagedRow(String datastoreId, String workId, Instant stagedAt, StagedInstance instance) {}

    record TierRow(Instant lastAccessedAt, StorageTier tier, boolean blobsArchived) {}

    final boolean writable;
    final Map<String, Datastore> datastores;
    final Map<Pair<String, String>, String> tags;
    final Map<String, ImageSetRow> imageSets;
    final Map<Pair<String, String>, DicomWebIndex.Instance> indexedInstances;
    final Map<Pair<String, Integer>, ImageSetVersion> versions;
    final Map<Pair<String, String>, StoredFrame> frames;
    final Map<String, Pair<String, DocumentPart>> documentParts;
    final Map<PendingWork.Key, PendingWorkRow> pendingWork;
    final Map<Pair<String, Integer>, VersionAuthor> versionAuthors;
    final Map<String, TierRow> tiers;
    final Map<String, ImportJob> importJobs;
    final Map<Pair<String, Integer>, FileOutcome> importOutcomes;
    final Map<String, StagedRow> staged;
    final Map<Pair<String, String>, IdempotencyRepository.Entry> idempotency;
    final Map<String, byte[]> secrets;
    final Map<Long, OutboxEvent> events;
    final Map<String, DeliveryCursor> cursors;
    final Map<String, ExportJob> exportJobs;
    final Map<Pair<String, String>, LeaseRow> leases;
    private long lastEventPosition;

    /** An empty, committed store. */
    MemoryTables() {
        this(null, false);
    }

    private MemoryTables(MemoryTables from, boolean writable) {
        this.writable = writable;
        datastores = table(from == null ? null : from.datastores);
        tags = table(from == null ? null : from.tags);
        imageSets = table(from == null ? null : from.imageSets);
        indexedInstances = table(from == null ? null : from.indexedInstances);
        versions = table(from == null ? null : from.versions);
        frames = table(from == null ? null : from.frames);
        documentParts = table(from == null ? null : from.documentParts);
        pendingWork = table(from == null ? null : from.pendingWork);
        versionAuthors = table(from == null ? null : from.versionAuthors);
        tiers = table(from == null ? null : from.tiers);
        importJobs = table(from == null ? null : from.importJobs);
        importOutcomes = table(from == null ? null : from.importOutcomes);
        staged = table(from == null ? null : from.staged);
        idempotency = table(from == null ? null : from.idempotency);
        secrets = table(from == null ? null : from.secrets);
        events = table(from == null ? null : from.events);
        cursors = table(from == null ? null : from.cursors);
        exportJobs = table(from == null ? null : from.exportJobs);
        leases = table(from == null ? null : from.leases);
        lastEventPosition = from == null ? 0 : from.lastEventPosition;
    }

    /** A copy a write transaction changes. */
    MemoryTables draft() {
        return new MemoryTables(this, true);
    }

    /** This draft as the read-only committed state; the draft must not be changed after. */
    MemoryTables committed() {
        return new MemoryTables(this, false);
    }

    /** The next event position, counted in this transaction. */
    long nextEventPosition() {
        checkWritable();
        return ++lastEventPosition;
    }

    long lastEventPosition() {
        return lastEventPosition;
    }

    /** The table, to change: refused in a read transaction, whose tables are the committed state. */
    <K, V> Map<K, V> writing(Map<K, V> table) {
        checkWritable();
        return table;
    }

    /** Adds a row under a key no row has yet, as a primary key does. */
    <K, V> void insert(Map<K, V> table, K key, V row, String tableName) {
        if (writing(table).putIfAbsent(key, row) != null) {
            throw new IllegalStateException("Duplicate key in " + tableName + ": " + key);
        }
    }

    /** Refuses a row whose parent row does not exist, as a foreign key does. */
    <K> void requireParent(Map<K, ?> parents, K key, String parentTable) {
        if (!parents.containsKey(key)) {
            throw new IllegalStateException("Foreign key: no " + parentTable + " " + key);
        }
    }

    private void checkWritable() {
        if (!writable) {
            throw new IllegalStateException("A read transaction cannot change the metadata store");
        }
    }

    private <K, V> Map<K, V> table(Map<K, V> from) {
        if (!writable) {
            return Collections.unmodifiableMap(from == null ? new LinkedHashMap<>() : from);
        }
        return new LinkedHashMap<>(from);
    }
}
