package org.openahi.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openahi.core.account.Account;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.CachingBlobStore;
import org.openahi.core.blob.TieredBlobStore;
import org.openahi.core.crypto.DataKeys;
import org.openahi.core.crypto.EncryptingBlobStore;
import org.openahi.core.crypto.MasterKeys;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.dicomweb.DecodedFrameFiles;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.DocumentCache;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.events.EventDelivery;
import org.openahi.core.events.RecordingStore;
import org.openahi.core.exporting.ExportJobs;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.core.imageset.ImageSetSearch;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.core.imageset.VersionDocuments;
import org.openahi.core.importing.ImportJobService;
import org.openahi.core.importing.ImportLimits;
import org.openahi.core.importing.ImportStorage;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.page.PageTokens;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.tag.TagService;
import org.openahi.core.tier.StorageTiers;
import org.openahi.server.config.ServerConfig;
import org.openahi.server.history.VersionAuthors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain services the front doors call, each built once: the synchronous core entries of every operation
 * (see DEVELOPERS.md, "From an operation to its code").
 */
record Domain(
        DatastoreService datastores,
        TagService tags,
        ImageSetReads imageSets,
        ImageSetSearch search,
        ImageSetWrites writes,
        ImportJobService imports,
        VersionAuthors versionAuthors,
        EventDelivery events,
        ExportJobs exports) {
    private static final Logger LOG = LoggerFactory.getLogger(Domain.class);
    /** Parsed metadata documents kept for DICOMweb, by their JSON size: a few large series. */
    private static final long DOCUMENT_CACHE_JSON_BYTES = 16L * 1024 * 1024;

    /**
     * What both the services and the background work use, built once. {@code store} records AHI's events in the
     * transaction of each change (docs/events.md); {@code tiers} is told of every access and archives untouched image
     * sets; {@code archive} holds both blob locations when archived image sets' blobs move to their own (unencrypted:
     * blobs move as they are stored).
     */
    record Shared(
            MetadataStore store,
            Account account,
            Optional<MasterKeys> masterKeys,
            BlobStore blobs,
            DocumentBlobs documents,
            VersionDocuments versions,
            BlobCleanup cleanup,
            FrameTranscoder transcoder,
            PageTokens pageTokens,
            ImportStorage importStorage,
            ImportLimits importLimits,
            StorageTiers tiers,
            Optional<TieredBlobStore> archive,
            DicomWebReads dicomWebReads,
            FrameReader frameReader,
            CachingBlobStore readBlobs,
            DecodedFrameFiles decodedFrames) {

        /**
         * @param tierClock the clock storage tiers judge accesses and ages by (a test moves it days ahead, which the clock
         *     of signatures and leases must not be)
         * @param eventRecorded told after a commit that recorded events (wakes the delivery)
         * @param decodedFrames the disk tier of decoded frames, filled by ingest and read by DICOMweb
         */
        static Shared create(
                ServerConfig config,
                Clock clock,
                Clock tierClock,
                MetadataStore database,
                Storage storage,
                Runnable eventRecorded,
                DecodedFrameFiles decodedFrames) {
            Account account = new Account(config.region(), config.accountId());
            MetadataStore store = new RecordingStore(database, account, clock, eventRecorded);
            Optional<MasterKeys> masterKeys = config.encryption().keyFile().map(MasterKeys::read);
            BlobStore blobs = encrypted(storage.blobs(), masterKeys, store);
            // Metadata documents and stored frames are read through the cache (decrypted: a hit costs no AES either);
            // the blobs background work writes and cleans up go to the store directly.
            CachingBlobStore readBlobs = new CachingBlobStore(blobs, config.cacheBytes());
            DocumentBlobs documents = new DocumentBlobs(readBlobs);
            PageTokens pageTokens = new PageTokens(store.write(
                    tx -> tx.secrets().getOrCreate("page-token-key", () -> new SecureRandom().generateSeed(32))));
            ServerConfig.Imports imports = config.imports();
            ServerConfig.Tiers tierSettings = config.tiers();
            StorageTiers tiers = new StorageTiers(
                    store,
                    tierClock,
                    new StorageTiers.Settings(
                            Duration.ofSeconds(tierSettings.archiveAfterSeconds()),
                            Duration.ofSeconds(tierSettings.accessGranularitySeconds())));
            VersionDocuments versions = new VersionDocuments(store, documents);
            FrameTranscoder transcoder = new FrameTranscoder(decodedFrames);
            return new Shared(
                    store,
                    account,
                    masterKeys,
                    blobs,
                    documents,
                    versions,
                    new BlobCleanup(
                            store,
                            decodedFrames.deletingWith(blobs),
                            clock,
                            Duration.ofSeconds(config.background().blobCleanupGraceSeconds())),
                    transcoder,
                    pageTokens,
                    storage.imports(),
                    new ImportLimits(imports.maxFiles(), imports.maxJobBytes(), imports.maxFileBytes()),
                    tiers,
                    storage.tiered(),
                    new DicomWebReads(store, versions, new DocumentCache(documents, DOCUMENT_CACHE_JSON_BYTES), tiers),
                    new FrameReader(readBlobs, transcoder, config.dicomWeb().decodedFrameCacheBytes(), decodedFrames),
                    readBlobs,
                    decodedFrames);
        }

        /**
         * The blob store as the services see it: encrypted at rest with per-data-store data keys when a key file is
         * configured (data keys wrapped by an older master key version are re-wrapped now), else as it is.
         */
        private static BlobStore encrypted(BlobStore blobs, Optional<MasterKeys> masterKeys, MetadataStore store) {
            if (masterKeys.isEmpty()) {
                return blobs;
            }
            DataKeys dataKeys = new DataKeys(
                    store,
                    masterKeys.get(),
                    id -> store.read(tx -> tx.datastores().find(id)).flatMap(Datastore::kmsKeyArn));
            dataKeys.rotate();
            LOG.info(
                    "Blobs are encrypted at rest (AES-256-GCM, a data key per data store; default master key {})",
                    masterKeys.get().defaultArn());
            return new EncryptingBlobStore(blobs, dataKeys);
        }
    }

    static Domain create(ServerConfig config, Clock clock, Shared shared, Background background) {
        MetadataStore store = shared.store();
        return new Domain(
                new DatastoreService(store, shared.account(), clock, shared.pageTokens(), config.maxDatastores()),
                new TagService(store, shared.account()),
                new ImageSetReads(
                        store,
                        shared.readBlobs(),
                        shared.versions(),
                        shared.account(),
                        shared.pageTokens(),
                        shared.tiers(),
                        shared.transcoder()),
                new ImageSetSearch(store, shared.pageTokens()),
                new ImageSetWrites(
                        store,
                        shared.versions(),
                        clock,
                        new ImageSetWrites.Limits(
                                config.imageSetWrites().updateMaxBytes(),
                                config.imageSetWrites().copyMaxFrames()),
                        background.imageSetWork()::wake,
                        shared.tiers()),
                new ImportJobService(
                        store,
                        shared.importStorage(),
                        clock,
                        shared.pageTokens(),
                        config.imports().maxUnfinishedJobs(),
                        background.importJobs()::wake),
                new VersionAuthors(store, clock),
                new EventDelivery(
                        store,
                        List.copyOf(config.events().webhooks().keySet()),
                        clock,
                        background.eventDelivery()::wake),
                new ExportJobs(store, shared.importStorage(), clock, background.exportJobs()::wake));
    }
}
