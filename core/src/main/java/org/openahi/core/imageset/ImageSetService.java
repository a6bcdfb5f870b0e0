package org.openahi.core.imageset;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.openahi.core.account.Account;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.error.NotFound;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;

/**
 * Reads image sets: the properties of a version, its metadata document and its frames. A DELETED image set
 * still reports its properties, but its metadata and frames are gone.
 */
public final class ImageSetService {
  private final MetadataStore store;
  private final BlobStore blobs;
  private final Account account;

  public ImageSetService(MetadataStore store, BlobStore blobs, Account account) {
    this.store = store;
    this.blobs = blobs;
    this.account = account;
  }

  /** A version and the image set it belongs to. */
  public record Found(ImageSet imageSet, ImageSetVersion version) {
  }

  /** The encoded pixels of a frame and their media type. */
  public record FrameContent(StoredFrame frame, InputStream content) {
  }

  /** The requested version (the latest when absent). */
  public Found get(String datastoreId, String imageSetId, Optional<String> versionId) {
    return store.read(tx -> find(tx, datastoreId, imageSetId, versionId));
  }

  /** The gzip-compressed JSON metadata document of the requested version (the latest when absent). */
  public InputStream metadata(String datastoreId, String imageSetId, Optional<String> versionId) throws IOException {
    Found found = get(datastoreId, imageSetId, versionId);
    if (found.version().state() == ImageSetState.DELETED || found.version().metadataBlob().isEmpty()) {
      throw new NotFound("Image set " + imageSetId + " version " + found.version().version() + " is DELETED");
    }
    return blobs.get(found.version().metadataBlob().get());
  }

  public FrameContent frame(String datastoreId, String imageSetId, String frameId) throws IOException {
    StoredFrame frame = store.read(tx -> {
      ImageSet imageSet = requireImageSet(tx, datastoreId, imageSetId);
      if (imageSet.state() == ImageSetState.DELETED) {
        throw new NotFound("Image set " + imageSetId + " is DELETED");
      }
      return tx.imageSets().findFrame(imageSetId, frameId)
          .orElseThrow(() -> new NotFound("Image frame " + frameId + " not found in image set " + imageSetId));
    });
    return new FrameContent(frame, blobs.get(frame.blobKey()));
  }

  public String arn(ImageSet imageSet) {
    return account.imageSetArn(imageSet.datastoreId(), imageSet.id());
  }

  static Found find(Transaction tx, String datastoreId, String imageSetId, Optional<String> versionId) {
    ImageSet imageSet = requireImageSet(tx, datastoreId, imageSetId);
    int version = versionId.map(id -> parseVersion(imageSetId, id)).orElse(imageSet.latestVersion());
    ImageSetVersion found = tx.imageSets().findVersion(imageSetId, version)
        .orElseThrow(() -> new NotFound("Image set " + imageSetId + " has no version " + versionId.orElse("")));
    return new Found(imageSet, found);
  }

  static ImageSet requireImageSet(Transaction tx, String datastoreId, String imageSetId) {
    if (tx.datastores().find(datastoreId).isEmpty()) {
      throw new NotFound("Datastore " + datastoreId + " not found");
    }
    return tx.imageSets().find(datastoreId, imageSetId)
        .orElseThrow(() -> new NotFound("Image set " + imageSetId + " not found in datastore " + datastoreId));
  }

  private static int parseVersion(String imageSetId, String versionId) {
    try {
      return Integer.parseInt(versionId);
    } catch (NumberFormatException e) {
      throw new NotFound("Image set " + imageSetId + " has no version " + versionId);
    }
  }
}
