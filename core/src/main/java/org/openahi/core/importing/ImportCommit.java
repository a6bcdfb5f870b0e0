package org.openahi.core.importing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openahi.core.imageset.DocumentPart;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetSummary;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.VersionDocument;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.metadata.DocumentFacts;
import org.openahi.core.metadata.ImageSetDocument;
import org.openahi.core.metadata.InstanceMetadata;
import org.openahi.core.metadata.MetadataTrees;
import org.openahi.core.metadata.StudyDateTime;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.work.Checkpoints;
import org.openahi.core.work.FailureCode;
import org.openahi.core.work.Lease;
import org.openahi.core.work.WorkFailedException;

/**
 * Folds staged instances into image sets, for an import job, a STOW-RS request or a DIMSE association alike, inside
 * one transaction: the instances are grouped ({@link ImportGrouping}) against the image sets as that transaction sees
 * them, so concurrent writers to one series are put in order by the database and never conflict; each image set then
 * gets a new version that records only what it adds — the instances as parts of its document
 * ({@link VersionDocument}), their frames, QIDO-RS rows and the search summary — so a fold costs what the instances
 * folded cost, whatever the image set already holds. A series whose primary image set is LOCKED (an update, copy or
 * delete in progress) is not folded: its instances are deferred.
 */
final class ImportCommit {
    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);
    private static final Duration LOCK_POLL = Duration.ofMillis(500);

    /** An image set the fold wrote, and its new version number. */
    record Committed(ImportTarget target, int version) {}

    /** The image sets folded, and the instances left for later because their series' image set was LOCKED. */
    record Result(List<Committed> committed, List<StagedInstance> deferred) {}

    /** More work for the commit's transaction, given what it folded (an import job's outcome rows). */
    interface AlsoInTransaction {
        void run(Transaction tx, List<Committed> committed);
    }

    private ImportCommit() {}

    /**
     * Folds every instance in one transaction with {@code also}, waiting while a series' primary image set is LOCKED:
     * an import job's commit, all or nothing. The job's lease is checked first: the check writes the lease row, so
     * the renewal of that row waits for the commit. Checked last, a renewal committed during the fold failed the
     * commit on PostgreSQL (a row changed since its snapshot), every attempt of it once the fold outlasted the renewal
     * interval.
     *
     * @throws WorkFailedException when an image set stayed LOCKED for {@link #LOCK_WAIT}, or the server is stopping
     */
    static List<Committed> commit(
            MetadataStore store,
            DocumentBlobs documents,
            Clock clock,
            String datastoreId,
            List<StagedInstance> staged,
            Lease lease,
            AlsoInTransaction also)
            throws WorkFailedException {
        Instant deadline = clock.instant().plus(LOCK_WAIT);
        Checkpoints.reach("import.folding");
        while (true) {
            try {
                return store.write(tx -> {
                    lease.check(tx);
                    Result result = fold(tx, documents, datastoreId, staged, now(clock));
                    if (!result.deferred().isEmpty()) {
                        throw new Locked(result.deferred().get(0).identity().seriesInstanceUid());
                    }
                    also.run(tx, result.committed());
                    return result.committed();
                });
            } catch (Locked e) {
                if (clock.instant().isAfter(deadline)) {
                    throw new WorkFailedException(
                            FailureCode.CONFLICT,
                            "the primary image set of series " + e.getMessage() + " stayed LOCKED for "
                                    + LOCK_WAIT.toMinutes() + " minutes");
                }
                try {
                    Thread.sleep(LOCK_POLL.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new WorkFailedException(FailureCode.INTERRUPTED, "the server is stopping", interrupted);
                }
            }
        }
    }

    /** Thrown inside a commit's transaction to roll it back while an image set is LOCKED. */
    private static final class Locked extends RuntimeException {
        Locked(String seriesInstanceUid) {
            super(seriesInstanceUid, null, false, false);
        }
    }

    /**
     * Folds the instances, in the order given, into the data store's image sets within {@code tx}.
     *
     * @param documents where the whole documents of earlier versions are, for their Patient, Study and Series attributes
     * @param now the time the new versions are made, in milliseconds
     */
    static Result fold(
            Transaction tx, DocumentBlobs documents, String datastoreId, List<StagedInstance> staged, Instant now) {
        List<ImportTarget> targets =
                ImportGrouping.group(staged, series -> tx.imageSets().findPrimary(datastoreId, series));
        Set<String> lockedSeries = new HashSet<>();
        for (ImportTarget target : targets) {
            if (target.existing()
                    .map(set -> set.state() != ImageSetState.ACTIVE)
                    .orElse(false)) {
                lockedSeries.add(target.identity().seriesInstanceUid());
            }
        }
        List<Committed> committed = new ArrayList<>();
        List<StagedInstance> deferred = new ArrayList<>();
        for (ImportTarget target : targets) {
            // The whole series waits: the update in progress may change the identity its instances are grouped by.
            if (lockedSeries.contains(target.identity().seriesInstanceUid())) {
                deferred.addAll(target.instances());
            } else {
                committed.add(new Committed(target, foldTarget(tx, documents, datastoreId, target, now)));
            }
        }
        return new Result(committed, deferred);
    }

    /** Inserts or versions one image set; returns its new version number. */
    private static int foldTarget(
            Transaction tx, DocumentBlobs documents, String datastoreId, ImportTarget target, Instant now) {
        List<StagedInstance> instances = latestPerSopInstance(target);
        Optional<ImageSet> existing = target.existing();
        Optional<ImageSetVersion> latest = existing.map(set -> tx.imageSets()
                .findVersion(set.id(), set.latestVersion())
                .orElseThrow(() -> new IllegalStateException("Image set " + set.id() + " lost its latest version")));
        Optional<VersionDocument> previous = latest.map(version -> version.document()
                .orElseThrow(() -> new IllegalStateException(
                        "Version " + version.version() + " of image set " + target.imageSetId() + " has no document")));
        Folding folding = Folding.of(
                documents,
                datastoreId,
                target.imageSetId(),
                previous,
                instances.stream().map(StagedInstance::metadata).toList());
        Optional<ImageSetSummary> summary =
                existing.flatMap(set -> tx.imageSets().findSummary(set.id()));
        ImageSet imageSet;
        int base;
        if (existing.isPresent()) {
            // The new version's frames are written to the primary blob location: an archived set's blobs move again.
            tx.tiers().blobsAdded(existing.get().id());
            base = previous.orElseThrow().baseForNextParts(latest.orElseThrow().version());
            imageSet = existing.get()
                    .atVersion(existing.get().latestVersion() + 1, ImageSetState.ACTIVE, WorkflowStatus.IMPORTED, now)
                    .withIdentity(folding.facts().identity());
            tx.imageSets().update(imageSet);
        } else {
            base = 0;
            imageSet = new ImageSet(
                    target.imageSetId(),
                    datastoreId,
                    now,
                    now,
                    1,
                    ImageSetState.ACTIVE,
                    WorkflowStatus.CREATED,
                    target.primary(),
                    folding.facts().identity());
            tx.imageSets().insert(imageSet);
        }
        int version = imageSet.latestVersion();
        tx.imageSets()
                .insertVersion(new ImageSetVersion(
                        imageSet.id(),
                        version,
                        ImageSetState.ACTIVE,
                        imageSet.workflowStatus(),
                        imageSet.createdAt(),
                        now,
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        target.primary(),
                        Optional.of(VersionDocument.folded(base, folding.levelsJson()))));
        List<DocumentPart> parts = new ArrayList<>();
        List<StoredFrame> frames = new ArrayList<>();
        for (StagedInstance instance : instances) {
            parts.add(new DocumentPart(instance.id(), version, parts.size(), instance.metadata()));
            for (StagedInstance.StagedFrame frame : instance.frames()) {
                frames.add(new StoredFrame(
                        imageSet.id(), frame.frameId(), frame.blobKey(), frame.contentType(), frame.size()));
            }
        }
        tx.imageSets().insertDocumentParts(imageSet.id(), parts);
        tx.imageSets().insertFrames(frames);
        int instanceCount;
        if (existing.isPresent()) {
            instanceCount = summary.map(ImageSetSummary::instanceCount).orElse(0)
                    + tx.imageSets()
                            .mergeDicomWebIndex(imageSet.id(), folding.facts().dicomWeb());
        } else {
            tx.imageSets().updateDicomWebIndex(imageSet.id(), folding.facts().dicomWeb());
            instanceCount = instances.size();
        }
        tx.imageSets().updateSummary(imageSet.id(), folding.summary(summary, instanceCount));
        return version;
    }

    /**
     * What a fold records of the new version: its Patient, Study and Series attributes ({@link ImageSetDocument#levels}
     * of the previous version's and the instances folded in), and the facts the image set row and its index rows keep,
     * read from the document those levels and these instances alone make, which is the new version's but for the
     * instances it keeps.
     */
    private record Folding(ObjectNode levels, String levelsJson, DocumentFacts facts) {
        static Folding of(
                DocumentBlobs documents,
                String datastoreId,
                String imageSetId,
                Optional<VersionDocument> previous,
                List<InstanceMetadata> added) {
            try {
                ObjectNode previousLevels = null;
                if (previous.isPresent() && previous.get().levels().isPresent()) {
                    previousLevels = MetadataTrees.read(new ByteArrayInputStream(
                            previous.get().levels().get().getBytes(StandardCharsets.UTF_8)));
                } else if (previous.isPresent()) {
                    String blob = previous.get().blob().orElseThrow();
                    previousLevels = ImageSetDocument.levels(() -> documents.open(blob));
                }
                ObjectNode levels = ImageSetDocument.levels(previousLevels, added);
                ByteArrayOutputStream document = new ByteArrayOutputStream();
                ImageSetDocument.write(
                        document, datastoreId, imageSetId, null, levels, ImageSetDocument.Additions.of(added));
                ByteArrayOutputStream levelsJson = new ByteArrayOutputStream();
                MetadataTrees.write(levelsJson, levels);
                return new Folding(
                        levels,
                        levelsJson.toString(StandardCharsets.UTF_8),
                        DocumentFacts.read(new ByteArrayInputStream(document.toByteArray())));
            } catch (IOException e) {
                throw new UncheckedIOException("The metadata of image set " + imageSetId + " could not be read", e);
            }
        }

        /**
         * The search summary: of an attribute the levels lack (not every instance has it), a document's summary takes the
         * first instance's value, so the image set keeps the value it had; it takes the new instances' when it had none.
         */
        ImageSetSummary summary(Optional<ImageSetSummary> had, int instanceCount) {
            ImageSetSummary now = facts.summary();
            if (had.isEmpty()) {
                return now.withInstanceCount(instanceCount);
            }
            ImageSetSummary before = had.get();
            String studyTime = kept("StudyTime", now.studyTime(), before.studyTime());
            return new ImageSetSummary(
                    kept("PatientName", now.patientName(), before.patientName()),
                    kept("PatientBirthDate", now.patientBirthDate(), before.patientBirthDate()),
                    kept("PatientSex", now.patientSex(), before.patientSex()),
                    kept("StudyDescription", now.studyDescription(), before.studyDescription()),
                    studyTime,
                    StudyDateTime.key(facts.identity().studyDate(), studyTime),
                    kept("Modality", now.seriesModality(), before.seriesModality()),
                    kept("BodyPartExamined", now.seriesBodyPart(), before.seriesBodyPart()),
                    now.seriesCount(),
                    instanceCount);
        }

        private String kept(String keyword, String now, String before) {
            return levels.has(keyword) || before == null ? now : before;
        }
    }

    /**
     * The target's instances in the order given, each SOP Instance UID once: when the input holds one instance twice
     * (a copied file), the later replaces the earlier, as a later import would; the earlier one's frames are left for
     * the blob cleanup. Without this the document would hold the UID twice.
     */
    static List<StagedInstance> latestPerSopInstance(ImportTarget target) {
        Map<String, StagedInstance> latest = new LinkedHashMap<>();
        for (StagedInstance instance : target.instances()) {
            latest.remove(instance.metadata().sopInstanceUid());
            latest.put(instance.metadata().sopInstanceUid(), instance);
        }
        return List.copyOf(latest.values());
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
