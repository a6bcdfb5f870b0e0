package org.openahi.core.blob;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims blobs no metadata row refers to: those a failed or interrupted write left behind (blobs are
 * written before the rows that reference them are committed). Background work — an import job, an image set's
 * pending operation — writes under {@code <kind>/<workId>/...}, so the leftovers of finished work are found at
 * once and the blobs of unfinished work are never touched; other blobs are only deleted once older than a grace
 * period, which covers writes in flight. A blob written for work after it ended (a frame encoded in the background)
 * therefore goes outside that work's folders ({@link org.openahi.core.pixels.PendingFrame#encodedKey}).
 */
public final class BlobCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(BlobCleanup.class);
    /** The folders background work writes blobs under, each followed by the work's id. */
    private static final List<String> WORK_FOLDERS = List.of("frames/", "metadata/", "pending/");

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration grace;

    public BlobCleanup(MetadataStore store, BlobStore blobs, Clock clock, Duration grace) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.grace = grace;
    }

    /** The key of a blob background work writes ({@code folder} is {@code frames/}, {@code metadata/} or {@code pending/}). */
    public static String workBlobKey(String folder, String workId, String name) {
        if (!WORK_FOLDERS.contains(folder)) {
            throw new IllegalArgumentException("Background work writes under " + WORK_FOLDERS + ", not " + folder);
        }
        return folder + workId + "/" + name;
    }

    /** Deletes the unreferenced blobs of work that has ended; returns how many. */
    public int cleanWork(String workId) throws IOException {
        int deleted = 0;
        for (String folder : WORK_FOLDERS) {
            deleted += clean(folder + workId + "/", Instant.MAX, Set.of());
        }
        if (deleted > 0) {
            LOG.info("Removed {} blobs work {} left unreferenced", deleted, workId);
        }
        return deleted;
    }

    /** Deletes every unreferenced blob older than the grace period outside unfinished work; returns how many. */
    public int cleanAll() throws IOException {
        Set<String> unfinished = store.read(tx -> {
            Set<String> ids = new HashSet<>(tx.importJobs().unfinishedIds());
            ids.addAll(tx.imageSets().pendingWorkIds());
            return ids;
        });
        int deleted = clean("", clock.instant().minus(grace), unfinished);
        if (deleted > 0) {
            LOG.info("Removed {} unreferenced blobs", deleted);
        }
        return deleted;
    }

    private int clean(String prefix, Instant olderThan, Set<String> unfinished) throws IOException {
        int deleted = 0;
        try (Stream<BlobStore.BlobInfo> listing = blobs.list(prefix)) {
            for (BlobStore.BlobInfo blob : (Iterable<BlobStore.BlobInfo>) listing::iterator) {
                if (!blob.lastModified().isBefore(olderThan) || belongsTo(blob.key(), unfinished)) {
                    continue;
                }
                if (!store.read(tx -> tx.imageSets().referencesBlob(blob.key()))) {
                    blobs.delete(blob.key());
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static boolean belongsTo(String key, Set<String> work) {
        for (String folder : WORK_FOLDERS) {
            if (key.startsWith(folder)) {
                int slash = key.indexOf('/', folder.length());
                return slash > 0 && work.contains(key.substring(folder.length(), slash));
            }
        }
        return false;
    }
}
