package org.openahi.core.blob;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims blobs no metadata row refers to: those a failed or interrupted write left behind (blobs are
 * written before the rows that reference them are committed). Import jobs write under
 * {@code <kind>/<jobId>/...}, so a finished job's leftovers are found at once and an unfinished job's blobs
 * are never touched; other blobs are only deleted once older than a grace period, which covers writes in
 * flight.
 */
public final class BlobCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(BlobCleanup.class);
  /** The folders import jobs write blobs under, each followed by the job id. */
  public static final List<String> JOB_FOLDERS = List.of("frames/", "metadata/");

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

  /** The key of a blob an import job writes. */
  public static String jobBlobKey(String folder, String jobId, String name) {
    return folder + jobId + "/" + name;
  }

  /** Deletes the unreferenced blobs of a job that has ended; returns how many. */
  public int cleanJob(String jobId) throws IOException {
    int deleted = 0;
    for (String folder : JOB_FOLDERS) {
      deleted += clean(folder + jobId + "/", Instant.MAX, Set.of());
    }
    if (deleted > 0) {
      LOG.info("Removed {} blobs import job {} left unreferenced", deleted, jobId);
    }
    return deleted;
  }

  /** Deletes every unreferenced blob older than the grace period outside unfinished jobs; returns how many. */
  public int cleanAll() throws IOException {
    Set<String> unfinishedJobs = store.read(tx -> tx.importJobs().unfinishedIds());
    int deleted = clean("", clock.instant().minus(grace), unfinishedJobs);
    if (deleted > 0) {
      LOG.info("Removed {} unreferenced blobs", deleted);
    }
    return deleted;
  }

  private int clean(String prefix, Instant olderThan, Set<String> protectedJobs) throws IOException {
    int deleted = 0;
    try (Stream<BlobStore.BlobInfo> listing = blobs.list(prefix)) {
      for (BlobStore.BlobInfo blob : (Iterable<BlobStore.BlobInfo>) listing::iterator) {
        if (!blob.lastModified().isBefore(olderThan) || belongsToJob(blob.key(), protectedJobs)) {
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

  private static boolean belongsToJob(String key, Set<String> jobs) {
    for (String folder : JOB_FOLDERS) {
      if (key.startsWith(folder)) {
        int slash = key.indexOf('/', folder.length());
        return slash > 0 && jobs.contains(key.substring(folder.length(), slash));
      }
    }
    return false;
  }
}
