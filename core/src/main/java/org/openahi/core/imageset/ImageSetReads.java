package org.openahi.core.imageset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.openahi.core.account.Account;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.ExactLengthInputStream;
import org.openahi.core.blob.WholeGzipInputStream;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.NotFound;
import org.openahi.core.page.Cursor;
import org.openahi.core.page.Page;
import org.openahi.core.page.PageTokens;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.pixels.PendingFrame;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.tier.StorageTiers;

/**
 * Reads image sets: the properties of a version, the version history, a version's metadata document and the
 * frames. A DELETED image set still reports its properties and history, but its metadata and frames are gone.
 * The latest version reports the image set's current state, so a copy source shows LOCKED /
 * COPYING_WITH_READ_ONLY_ACCESS while it is copied.
 */
public final class ImageSetReads {
    private final MetadataStore store;
    private final BlobStore blobs;
    private final VersionDocuments documents;
    private final Account account;
    private final PageTokens pageTokens;
    private final StorageTiers tiers;
    private final FrameTranscoder transcoder;

    /**
     * @param tiers told of every metadata and frame read, which keeps an image set in (or brings it back to) use
     * @param transcoder encodes frames still pending ({@link PendingFrame}) when they are read
     */
    public ImageSetReads(
            MetadataStore store,
            BlobStore blobs,
            VersionDocuments documents,
            Account account,
            PageTokens pageTokens,
            StorageTiers tiers,
            FrameTranscoder transcoder) {
        this.store = store;
        this.transcoder = transcoder;
        this.blobs = blobs;
        this.documents = documents;
        this.account = account;
        this.pageTokens = pageTokens;
        this.tiers = tiers;
    }

    /** A version and the image set it belongs to. */
    public record Found(ImageSet imageSet, ImageSetVersion version) {}

    /** The encoded pixels of a frame and their media type. */
    public record FrameContent(StoredFrame frame, InputStream content) {}

    /** The requested version (the latest when absent). */
    public Found get(String datastoreId, String imageSetId, Optional<String> versionId) {
        return store.read(tx -> find(tx, datastoreId, imageSetId, versionId));
    }

    /** The gzip-compressed JSON metadata document of the requested version (the latest when absent). */
    public InputStream metadata(String datastoreId, String imageSetId, Optional<String> versionId) throws IOException {
        Found found = get(datastoreId, imageSetId, versionId);
        ImageSetVersion version = found.version();
        if (found.imageSet().state() == ImageSetState.DELETED) {
            throw new NotFound("Image set " + imageSetId + " is DELETED");
        }
        if (version.document().isEmpty()) {
            if (version.state() == ImageSetState.LOCKED) {
                throw new Conflict("Version " + version.version() + " of image set " + imageSetId + " is LOCKED ("
                        + version.workflowStatus() + "); its metadata is readable once it is ACTIVE");
            }
            throw new NotFound("Version " + version.version() + " of image set " + imageSetId + " has no metadata ("
                    + version.workflowStatus() + ")");
        }
        tiers.accessed(imageSetId);
        return new WholeGzipInputStream(
                documents.openCompressed(imageSetId, version),
                "The metadata document of version " + version.version() + " of image set " + imageSetId);
    }

    /** ListImageSetVersions: newest first, a page at a time; a token is bound to its image set. */
    public Page<ImageSetVersion> versions(
            String datastoreId, String imageSetId, int maxResults, Optional<String> nextToken) {
        String scope = "ListImageSetVersions|" + datastoreId + "|" + imageSetId;
        OptionalInt before = pageTokens
                .cursor(scope, nextToken)
                .map(cursor -> OptionalInt.of((int) cursor.position()))
                .orElse(OptionalInt.empty());
        List<ImageSetVersion> rows = store.read(tx -> {
            ImageSet imageSet = requireImageSet(tx, datastoreId, imageSetId);
            return tx.imageSets().listVersions(imageSetId, before, maxResults + 1).stream()
                    .map(version -> current(imageSet, version))
                    .toList();
        });
        return pageTokens.page(rows, maxResults, scope, version -> new Cursor(version.version(), imageSetId));
    }

    public FrameContent frame(String datastoreId, String imageSetId, String frameId) throws IOException {
        StoredFrame frame = store.read(tx -> {
            ImageSet imageSet = requireImageSet(tx, datastoreId, imageSetId);
            if (imageSet.state() == ImageSetState.DELETED) {
                throw new NotFound("Image set " + imageSetId + " is DELETED");
            }
            return tx.imageSets()
                    .findFrame(imageSetId, frameId)
                    .orElseThrow(
                            () -> new NotFound("Image frame " + frameId + " not found in image set " + imageSetId));
        });
        tiers.accessed(imageSetId);
        InputStream stored = new ExactLengthInputStream(
                blobs.get(frame.blobKey()), frame.size(), "Image frame " + frameId + " of image set " + imageSetId);
        if (!PendingFrame.isPending(frame.blobKey())) {
            return new FrameContent(frame, stored);
        }
        // Not encoded yet: encoded now, as it will be stored.
        byte[] encoded;
        try (InputStream in = stored) {
            encoded = transcoder.encodePending(frameId, in.readAllBytes());
        }
        return new FrameContent(
                new StoredFrame(imageSetId, frameId, frame.blobKey(), frame.contentType(), encoded.length),
                new ByteArrayInputStream(encoded));
    }

    public String arn(ImageSet imageSet) {
        return account.imageSetArn(imageSet.datastoreId(), imageSet.id());
    }

    static Found find(Transaction tx, String datastoreId, String imageSetId, Optional<String> versionId) {
        ImageSet imageSet = requireImageSet(tx, datastoreId, imageSetId);
        int version = versionId.map(id -> parseVersion(imageSetId, id)).orElse(imageSet.latestVersion());
        ImageSetVersion found = tx.imageSets()
                .findVersion(imageSetId, version)
                .orElseThrow(() -> new NotFound("Image set " + imageSetId + " has no version " + versionId.orElse("")));
        return new Found(imageSet, current(imageSet, found));
    }

    /** The latest version with the image set's current state and status (a copy source's lock); others as made. */
    private static ImageSetVersion current(ImageSet imageSet, ImageSetVersion version) {
        if (version.version() != imageSet.latestVersion()) {
            return version;
        }
        return new ImageSetVersion(
                version.imageSetId(),
                version.version(),
                imageSet.state(),
                imageSet.workflowStatus(),
                version.createdAt(),
                version.updatedAt(),
                version.deletedAt(),
                version.message(),
                version.forced(),
                version.primary(),
                version.document());
    }

    static void requireDatastore(Transaction tx, String datastoreId) {
        if (tx.datastores().find(datastoreId).isEmpty()) {
            throw new NotFound("Datastore " + datastoreId + " not found");
        }
    }

    /** The image set; NotFound names the data store when that is what is missing. */
    static ImageSet requireImageSet(Transaction tx, String datastoreId, String imageSetId) {
        // The data store is looked up only to word the error: an image set's row exists only in an existing store.
        return tx.imageSets().find(datastoreId, imageSetId).orElseThrow(() -> {
            requireDatastore(tx, datastoreId);
            return new NotFound("Image set " + imageSetId + " not found in datastore " + datastoreId);
        });
    }

    static int parseVersion(String imageSetId, String versionId) {
        try {
            return Integer.parseInt(versionId);
        } catch (NumberFormatException e) {
            throw new NotFound("Image set " + imageSetId + " has no version " + versionId);
        }
    }
}
