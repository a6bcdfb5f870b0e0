package org.openahi.core.importing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.metadata.DocumentStore;
import org.openahi.core.metadata.ImageSetDocument;
import org.openahi.core.metadata.InstanceMetadata;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits staged instances, for an import job or a STOW-RS request alike: groups them into image sets
 * ({@link ImportGrouping}), writes each image set's new metadata document, then inserts or versions the image
 * sets with their frames in one transaction. A primary image set that another writer changed meanwhile is
 * regrouped and its document rebuilt; one that is LOCKED is waited for.
 */
final class ImportCommit {
  private static final Logger LOG = LoggerFactory.getLogger(ImportCommit.class);
  private static final int MAX_ATTEMPTS = 5;
  private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  /** An image set the commit wrote, and its new version number. */
  record Committed(ImportTarget target, int version) {
  }

  /** More work for the commit's transaction, given what it wrote (an import job's outcome rows). */
  interface AlsoInTransaction {
    void run(Transaction tx, List<Committed> committed);
  }

  private final MetadataStore store;
  private final DocumentStore documents;
  private final Clock clock;

  ImportCommit(MetadataStore store, DocumentStore documents, Clock clock) {
    this.store = store;
    this.documents = documents;
    this.clock = clock;
  }

  /** Thrown inside the commit transaction when an image set changed since the documents were built. */
  private static final class StaleTarget extends RuntimeException {
    StaleTarget(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param workId the import job's (or request's) id, under which the metadata documents are written
   * @throws JobFailedException when image sets kept changing, stayed LOCKED, or a document could not be written
   */
  List<Committed> commit(String datastoreId, String workId, List<StagedInstance> staged, AlsoInTransaction also)
      throws JobFailedException {
    for (int attempt = 1; ; attempt++) {
      List<ImportTarget> targets = ImportGrouping.group(staged,
          series -> store.read(tx -> tx.imageSets().findPrimary(datastoreId, series)));
      awaitUnlocked(datastoreId, targets);
      Map<String, DocumentStore.StoredDocument> written = writeDocuments(datastoreId, workId, targets);
      Checkpoints.reach("import.documents-written");
      try {
        List<Committed> committed = store.write(tx -> {
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          List<Committed> done = new ArrayList<>();
          for (ImportTarget target : targets) {
            done.add(new Committed(target, commitTarget(tx, datastoreId, target, written.get(target.imageSetId()), now)));
          }
          also.run(tx, done);
          return done;
        });
        LOG.info("{} committed {} image sets", workId, targets.size());
        return committed;
      } catch (StaleTarget e) {
        written.values().forEach(document -> documents.deleteQuietly(document.blobKey()));
        if (attempt >= MAX_ATTEMPTS) {
          throw new JobFailedException("CONFLICT: image sets kept changing under concurrent writes: " + e.getMessage());
        }
        LOG.info("{}: {}; regrouping", workId, e.getMessage());
      }
    }
  }

  /** Inserts or versions one image set; returns its new version number. */
  private int commitTarget(Transaction tx, String datastoreId, ImportTarget target,
                           DocumentStore.StoredDocument document, Instant now) {
    ImageSet imageSet;
    if (target.existing().isPresent()) {
      ImageSet current = tx.imageSets().find(datastoreId, target.imageSetId())
          .orElseThrow(() -> new StaleTarget("image set " + target.imageSetId() + " is gone"));
      if (current.latestVersion() != target.existing().get().latestVersion() || current.state() != ImageSetState.ACTIVE) {
        throw new StaleTarget("image set " + target.imageSetId() + " changed");
      }
      imageSet = new ImageSet(current.id(), current.datastoreId(), current.createdAt(), now, current.latestVersion() + 1,
          ImageSetState.ACTIVE, WorkflowStatus.IMPORTED, true, document.facts().identity());
      tx.imageSets().update(imageSet);
    } else {
      if (target.primary() && tx.imageSets().findPrimary(datastoreId, target.identity().seriesInstanceUid()).isPresent()) {
        throw new StaleTarget("series " + target.identity().seriesInstanceUid() + " got a primary image set");
      }
      imageSet = new ImageSet(target.imageSetId(), datastoreId, now, now, 1, ImageSetState.ACTIVE,
          WorkflowStatus.CREATED, target.primary(), document.facts().identity());
      tx.imageSets().insert(imageSet);
    }
    tx.imageSets().updateSummary(imageSet.id(), document.facts().summary());
    tx.imageSets().updateDicomWebIndex(imageSet.id(), document.facts().dicomWeb());
    tx.imageSets().insertVersion(new ImageSetVersion(imageSet.id(), imageSet.latestVersion(), ImageSetState.ACTIVE,
        imageSet.workflowStatus(), imageSet.createdAt(), now, Optional.empty(), Optional.empty(), false,
        target.primary(), Optional.of(document.blobKey())));
    for (StagedInstance instance : latestPerSopInstance(target)) {
      for (StagedInstance.StagedFrame frame : instance.frames()) {
        tx.imageSets().insertFrame(new StoredFrame(imageSet.id(), frame.frameId(), frame.blobKey(), frame.contentType(),
            frame.size()));
      }
    }
    return imageSet.latestVersion();
  }

  /** Waits while an existing primary image set is LOCKED by an update, copy or delete in progress. */
  private void awaitUnlocked(String datastoreId, List<ImportTarget> targets) throws JobFailedException {
    Instant deadline = clock.instant().plus(LOCK_WAIT);
    for (ImportTarget target : targets) {
      while (target.existing().isPresent() && store.read(tx -> tx.imageSets().find(datastoreId, target.imageSetId()))
          .map(set -> set.state() == ImageSetState.LOCKED).orElse(false)) {
        if (clock.instant().isAfter(deadline)) {
          throw new JobFailedException("CONFLICT: image set " + target.imageSetId() + " stayed LOCKED for "
              + LOCK_WAIT.toMinutes() + " minutes");
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new JobFailedException("INTERRUPTED: the server is stopping", e);
        }
      }
    }
  }

  /** Writes each target's new metadata document; image set id → the stored document. */
  private Map<String, DocumentStore.StoredDocument> writeDocuments(String datastoreId, String workId,
                                                                   List<ImportTarget> targets) throws JobFailedException {
    Map<String, DocumentStore.StoredDocument> written = new HashMap<>();
    try {
      for (ImportTarget target : targets) {
        String key = BlobCleanup.workBlobKey("metadata/", workId, target.imageSetId() + "-" + Ids.newId());
        List<InstanceMetadata> added = latestPerSopInstance(target).stream().map(StagedInstance::metadata).toList();
        ImageSetDocument.Previous previous = previousDocument(target);
        written.put(target.imageSetId(), documents.write(key, out ->
            ImageSetDocument.write(out, datastoreId, target.imageSetId(), previous, added)));
      }
      return written;
    } catch (IOException e) {
      written.values().forEach(document -> documents.deleteQuietly(document.blobKey()));
      throw new JobFailedException("INTERNAL_ERROR: cannot write a metadata document: " + e.getMessage(), e);
    }
  }

  /**
   * The target's instances in input order, each SOP Instance UID once: when the input holds one instance twice (a
   * copied file), the later file replaces the earlier, as a later import would; the earlier one's frames are left
   * for the blob cleanup. Without this the document would hold the UID twice.
   */
  private static List<StagedInstance> latestPerSopInstance(ImportTarget target) {
    Map<String, StagedInstance> latest = new LinkedHashMap<>();
    target.instances().stream().sorted(Comparator.comparingInt(StagedInstance::sequence)).forEach(instance -> {
      latest.remove(instance.metadata().sopInstanceUid());
      latest.put(instance.metadata().sopInstanceUid(), instance);
    });
    return List.copyOf(latest.values());
  }

  private ImageSetDocument.Previous previousDocument(ImportTarget target) throws IOException {
    if (target.existing().isEmpty()) {
      return null;
    }
    ImageSet existing = target.existing().get();
    String blob = store.read(tx -> tx.imageSets().findVersion(existing.id(), existing.latestVersion()))
        .flatMap(ImageSetVersion::metadataBlob)
        .orElseThrow(() -> new IOException("image set " + existing.id() + " has no metadata document"));
    return () -> documents.open(blob);
  }
}
