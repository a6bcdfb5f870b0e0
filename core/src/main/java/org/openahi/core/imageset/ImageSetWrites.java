package org.openahi.core.imageset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.error.NotFound;
import org.openahi.core.error.QuotaExceeded;
import org.openahi.core.metadata.DocumentCopy;
import org.openahi.core.metadata.DocumentFacts;
import org.openahi.core.metadata.MetadataEdit;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.tier.StorageTiers;

/**
 * The synchronous half of UpdateImageSetMetadata, CopyImageSet and DeleteImageSet: every check that can be made
 * now is made (a refused request changes nothing), then one transaction locks the image sets involved, records
 * their new LOCKED versions and the pending work, and the response already reports them, as AHI's does.
 * {@link ImageSetWork} does the work in the background. {@code latestVersionId} is an optimistic lock: a
 * write based on anything but the latest version, or on a LOCKED or DELETED image set, is a {@link Conflict}.
 */
public final class ImageSetWrites {
    private final MetadataStore store;
    private final VersionDocuments documents;
    private final Clock clock;
    private final Limits limits;
    private final Runnable wakeWorkers;
    private final StorageTiers tiers;

    /** AHI's quotas on these writes: UpdateImageSetMetadata payload bytes, image frames per CopyImageSet. */
    public record Limits(int updateMaxBytes, int copyMaxFrames) {}

    /** @param tiers told of every update and copy, which keep their image sets in (or bring them back to) use */
    public ImageSetWrites(
            MetadataStore store,
            VersionDocuments documents,
            Clock clock,
            Limits limits,
            Runnable wakeWorkers,
            StorageTiers tiers) {
        this.store = store;
        this.documents = documents;
        this.clock = clock;
        this.limits = limits;
        this.wakeWorkers = wakeWorkers;
        this.tiers = tiers;
    }

    /** What UpdateImageSetMetadata asks: an edit or a revert. */
    public sealed interface MetadataUpdate {}

    /** {@code updatableAttributes} and {@code removableAttributes} as sent (either may be null). */
    public record Edit(byte[] updatable, byte[] removable) implements MetadataUpdate {}

    public record Revert(String versionId) implements MetadataUpdate {}

    public record CopyRequest(
            String sourceImageSetId,
            String sourceLatestVersionId,
            Optional<String> copiableAttributes,
            Optional<Destination> destination,
            boolean force,
            boolean promoteToPrimary) {}

    public record Destination(String imageSetId, String latestVersionId) {}

    /** The image sets a copy locked, as they stand after the request. */
    public record Copying(ImageSet source, ImageSet destination) {}

    public ImageSet update(
            String datastoreId,
            String imageSetId,
            String latestVersionId,
            MetadataUpdate update,
            boolean force,
            boolean includeStudyImageSets) {
        ImageSet target = read(datastoreId, imageSetId);
        int base = requireWritable(target, latestVersionId);
        WorkPlans.Update plan = switch (update) {
            case Revert revert -> {
                if (includeStudyImageSets) {
                    throw new InvalidRequest("includeStudyImageSets cannot be combined with revertToVersionId");
                }
                yield new WorkPlans.Update(base, null, revertTarget(target, revert.versionId()), false, List.of());
            }
            case Edit edit -> planEdit(target, base, edit, force, includeStudyImageSets);
        };
        ImageSet locked = store.write(tx -> {
            Instant now = now();
            ImageSet current = recheck(tx, target, base);
            for (WorkPlans.StudyMember member : plan.studyMembers()) {
                ImageSet other = tx.imageSets()
                        .find(datastoreId, member.imageSetId())
                        .orElseThrow(() ->
                                new Conflict("Image set " + member.imageSetId() + " of the study is gone; retry"));
                recheck(tx, other, member.baseVersion());
                lockNewVersion(tx, other, WorkflowStatus.UPDATING_FOR_STUDY_CONSISTENCY, false, now);
            }
            ImageSet updating = lockNewVersion(tx, current, WorkflowStatus.UPDATING, plan.force(), now);
            tx.imageSets()
                    .insertWork(new PendingWork(
                            imageSetId, updating.latestVersion(), PendingWork.Kind.UPDATE, WorkPlans.write(plan), 0));
            return updating;
        });
        tiers.accessed(imageSetId);
        wakeWorkers.run();
        return locked;
    }

    public Copying copy(String datastoreId, CopyRequest request) {
        ImageSet source = read(datastoreId, request.sourceImageSetId());
        int sourceVersion = requireWritable(source, request.sourceLatestVersionId());
        if (request.promoteToPrimary() && request.destination().isPresent()) {
            throw new InvalidRequest(
                    "promoteToPrimary applies to a copy without destinationImageSet: the copy goes to the "
                            + "primary image set of its series");
        }
        if (request.promoteToPrimary() && source.primary()) {
            throw new InvalidRequest("Image set " + source.id() + " is already primary");
        }
        if (request.destination().map(d -> d.imageSetId().equals(source.id())).orElse(false)) {
            throw new InvalidRequest("destinationImageSet must differ from the source image set");
        }
        DocumentCopy copy = request.copiableAttributes().map(DocumentCopy::of).orElse(DocumentCopy.all());
        ObjectNode selected = copy.select(document(source, sourceVersion));
        int frames = DocumentCopy.frameIds(selected).size();
        if (frames > limits.copyMaxFrames()) {
            throw new QuotaExceeded("The copy holds " + frames + " image frames; a CopyImageSet request copies at most "
                    + limits.copyMaxFrames() + " (OPENAHI_COPY_MAX_FRAMES)");
        }
        ImageSetIdentity selectedIdentity = DocumentFacts.of(selected).identity();
        Optional<ImageSet> existing = request.destination().map(d -> read(datastoreId, d.imageSetId()));
        if (request.promoteToPrimary()) {
            existing = store.read(tx -> tx.imageSets().findPrimary(datastoreId, selectedIdentity.seriesInstanceUid()));
        }
        int destinationBase = existing.map(destination -> request.destination().isPresent()
                        ? requireWritable(
                                destination, request.destination().get().latestVersionId())
                        : requireWritable(destination, Integer.toString(destination.latestVersion())))
                .orElse(0);
        Optional<ImageSet> destination = existing;
        Copying copying = store.write(tx -> {
            Instant now = now();
            ImageSet current = recheck(tx, source, sourceVersion);
            ImageSet sourceLocked =
                    current.withState(ImageSetState.LOCKED, WorkflowStatus.COPYING_WITH_READ_ONLY_ACCESS);
            tx.imageSets().update(sourceLocked);
            ImageSet destinationLocked;
            if (destination.isPresent()) {
                destinationLocked = lockNewVersion(
                        tx,
                        recheck(tx, destination.get(), destinationBase),
                        WorkflowStatus.COPYING,
                        request.force(),
                        now);
            } else {
                if (request.promoteToPrimary()
                        && tx.imageSets()
                                .findPrimary(datastoreId, selectedIdentity.seriesInstanceUid())
                                .isPresent()) {
                    throw new Conflict(
                            "Series " + selectedIdentity.seriesInstanceUid() + " got a primary image set; retry");
                }
                destinationLocked = new ImageSet(
                        Ids.newId(),
                        datastoreId,
                        now,
                        now,
                        1,
                        ImageSetState.LOCKED,
                        WorkflowStatus.COPYING,
                        request.promoteToPrimary(),
                        selectedIdentity);
                tx.imageSets().insert(destinationLocked);
                tx.imageSets().insertVersion(pendingVersion(destinationLocked, request.force(), now));
            }
            WorkPlans.Copy plan = new WorkPlans.Copy(
                    source.id(), sourceVersion, copy.toJson(), destination.isEmpty(), destinationBase, request.force());
            tx.imageSets()
                    .insertWork(new PendingWork(
                            destinationLocked.id(),
                            destinationLocked.latestVersion(),
                            PendingWork.Kind.COPY,
                            WorkPlans.write(plan),
                            0));
            return new Copying(sourceLocked, destinationLocked);
        });
        tiers.accessed(copying.source().id());
        if (destination.isPresent()) {
            tiers.accessed(copying.destination().id());
        }
        wakeWorkers.run();
        return copying;
    }

    public ImageSet delete(String datastoreId, String imageSetId) {
        ImageSet target = read(datastoreId, imageSetId);
        int base = requireWritable(target, Integer.toString(target.latestVersion()));
        ImageSet deleting = store.write(tx -> {
            ImageSet locked = lockNewVersion(tx, recheck(tx, target, base), WorkflowStatus.DELETING, false, now());
            tx.imageSets()
                    .insertWork(new PendingWork(
                            imageSetId,
                            locked.latestVersion(),
                            PendingWork.Kind.DELETE,
                            WorkPlans.write(new WorkPlans.Delete(base)),
                            0));
            return locked;
        });
        wakeWorkers.run();
        return deleting;
    }

    private WorkPlans.Update planEdit(
            ImageSet target, int base, Edit edit, boolean force, boolean includeStudyImageSets) {
        if (edit.updatable() == null && edit.removable() == null) {
            throw new InvalidRequest("DICOMUpdates needs updatableAttributes, removableAttributes or both");
        }
        int bytes = length(edit.updatable()) + length(edit.removable());
        if (bytes > limits.updateMaxBytes()) {
            throw new QuotaExceeded(
                    "The update holds " + bytes + " bytes of attributes; UpdateImageSetMetadata accepts at " + "most "
                            + limits.updateMaxBytes() + " (OPENAHI_UPDATE_MAX_BYTES)");
        }
        MetadataEdit parsed = MetadataEdit.parse(edit.updatable(), edit.removable());
        parsed.apply(document(target, base), new MetadataEdit.Options(force, target.primary()));
        List<WorkPlans.StudyMember> members = new ArrayList<>();
        if (includeStudyImageSets) {
            MetadataEdit studyPart = parsed.studyPart();
            List<ImageSet> study = store.read(tx -> tx.imageSets()
                    .findPrimaryInStudy(target.datastoreId(), target.identity().studyInstanceUid()));
            for (ImageSet other : study) {
                if (!other.id().equals(target.id())) {
                    int otherBase = requireWritable(other, Integer.toString(other.latestVersion()));
                    studyPart.apply(document(other, otherBase), new MetadataEdit.Options(force, true));
                    members.add(new WorkPlans.StudyMember(other.id(), otherBase));
                }
            }
        }
        return new WorkPlans.Update(base, parsed.toJson(), null, force, members);
    }

    /** The version a revert goes back to; it must exist and still have its document. */
    private int revertTarget(ImageSet target, String versionId) {
        int version = ImageSetReads.parseVersion(target.id(), versionId);
        ImageSetVersion found = store.read(tx -> tx.imageSets().findVersion(target.id(), version))
                .orElseThrow(() -> new NotFound("Image set " + target.id() + " has no version " + versionId));
        if (found.document().isEmpty()) {
            throw new InvalidRequest("Version " + versionId + " of image set " + target.id()
                    + " has no metadata to revert " + "to (it is " + found.workflowStatus() + ")");
        }
        return version;
    }

    private ImageSet read(String datastoreId, String imageSetId) {
        return store.read(tx -> ImageSetReads.requireImageSet(tx, datastoreId, imageSetId));
    }

    /** The version the write is based on: the latest, which the client must have named, of an ACTIVE image set. */
    private static int requireWritable(ImageSet imageSet, String latestVersionId) {
        if (imageSet.state() == ImageSetState.DELETED) {
            throw new Conflict("Image set " + imageSet.id() + " is DELETED");
        }
        if (imageSet.state() == ImageSetState.LOCKED) {
            throw new Conflict("Image set " + imageSet.id() + " is LOCKED (" + imageSet.workflowStatus() + "); write "
                    + "operations wait until it is ACTIVE");
        }
        if (!Integer.toString(imageSet.latestVersion()).equals(latestVersionId.replaceFirst("^0+(?=\\d)", ""))) {
            throw new Conflict("latestVersionId " + latestVersionId + " is not the latest version of image set "
                    + imageSet.id() + ", which is " + imageSet.latestVersion());
        }
        return imageSet.latestVersion();
    }

    /** The image set inside the write transaction, still ACTIVE at the version the write was checked against. */
    private static ImageSet recheck(Transaction tx, ImageSet checked, int base) {
        ImageSet current = tx.imageSets()
                .find(checked.datastoreId(), checked.id())
                .orElseThrow(() -> new NotFound("Image set " + checked.id() + " not found"));
        requireWritable(current, Integer.toString(base));
        return current;
    }

    private static ImageSet lockNewVersion(
            Transaction tx, ImageSet current, WorkflowStatus status, boolean forced, Instant now) {
        ImageSet locked = current.atVersion(current.latestVersion() + 1, ImageSetState.LOCKED, status, now);
        tx.imageSets().update(locked);
        tx.imageSets().insertVersion(pendingVersion(locked, forced, now));
        return locked;
    }

    private static ImageSetVersion pendingVersion(ImageSet locked, boolean forced, Instant now) {
        return new ImageSetVersion(
                locked.id(),
                locked.latestVersion(),
                ImageSetState.LOCKED,
                locked.workflowStatus(),
                locked.createdAt(),
                now,
                Optional.empty(),
                Optional.empty(),
                forced,
                locked.primary(),
                Optional.empty());
    }

    private ObjectNode document(ImageSet imageSet, int version) {
        ImageSetVersion found = store.read(tx -> tx.imageSets().findVersion(imageSet.id(), version))
                .filter(row -> row.document().isPresent())
                .orElseThrow(() ->
                        new Conflict("Version " + version + " of image set " + imageSet.id() + " has no metadata"));
        try {
            return documents.readTree(imageSet.id(), found);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the metadata of image set " + imageSet.id(), e);
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
