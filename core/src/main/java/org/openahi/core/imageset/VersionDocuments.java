package org.openahi.core.imageset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.WorkOwners;
import org.openahi.core.error.NotFound;
import org.openahi.core.metadata.DocumentBlobs;
import org.openahi.core.metadata.ImageSetDocument;
import org.openahi.core.metadata.MetadataTrees;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;

/**
 * Reads versions' metadata documents wherever they are ({@link VersionDocument}). A folded version's whole document
 * is written the first time it is read, from its base document and its parts, streaming (parts are read a page at a
 * time), and recorded on the version, so later reads serve the blob. Two readers of one version on this server wait
 * for the same write.
 */
public final class VersionDocuments {
    private static final int PAGE = 256;

    private final MetadataStore store;
    private final DocumentBlobs documents;
    private final Map<String, CompletableFuture<String>> writing = new ConcurrentHashMap<>();

    public VersionDocuments(MetadataStore store, DocumentBlobs documents) {
        this.store = store;
        this.documents = documents;
    }

    /** The key of the blob holding the version's whole document (gzip JSON); a folded version's is written first. */
    public String wholeBlob(String imageSetId, ImageSetVersion version) throws IOException {
        VersionDocument document = version.document()
                .orElseThrow(() -> new IllegalStateException(
                        "Version " + version.version() + " of image set " + imageSetId + " has no metadata document"));
        if (document.blob().isPresent()) {
            return document.blob().get();
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = writing.putIfAbsent(imageSetId + "/" + version.version(), mine);
        if (running != null) {
            return await(running);
        }
        try {
            mine.complete(writeWhole(imageSetId, version.version(), document));
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            writing.remove(imageSetId + "/" + version.version());
        }
        return await(mine);
    }

    /** The version's whole document, gzip-compressed as GetImageSetMetadata serves it. */
    public InputStream openCompressed(String imageSetId, ImageSetVersion version) throws IOException {
        return documents.openCompressed(wholeBlob(imageSetId, version));
    }

    /** The version's whole document, uncompressed. */
    public InputStream open(String imageSetId, ImageSetVersion version) throws IOException {
        return documents.open(wholeBlob(imageSetId, version));
    }

    public ObjectNode readTree(String imageSetId, ImageSetVersion version) throws IOException {
        return documents.readTree(wholeBlob(imageSetId, version));
    }

    /** The document of {@code version} of the image set, by number; every version named here has one. */
    public String wholeBlob(String imageSetId, int version) throws IOException {
        return wholeBlob(
                imageSetId,
                store.read(tx -> tx.imageSets().findVersion(imageSetId, version))
                        .orElseThrow(() ->
                                new IllegalStateException("Image set " + imageSetId + " has no version " + version)));
    }

    private String writeWhole(String imageSetId, int version, VersionDocument document) throws IOException {
        ImageSet imageSet = store.read(tx -> tx.imageSets().findById(imageSetId))
                .orElseThrow(() -> new NotFound("Image set " + imageSetId + " not found"));
        int base = document.partsBase().getAsInt();
        Optional<String> baseBlob = base == 0 ? Optional.empty() : Optional.of(wholeBlob(imageSetId, base));
        List<DocumentPart.Key> keys = store.read(tx -> tx.imageSets().documentPartKeys(imageSetId, base, version));
        if (keys.isEmpty()) {
            return baseBlob.orElseThrow(() -> new IllegalStateException(
                    "Version " + version + " of image set " + imageSetId + " has neither a base document nor parts"));
        }
        ObjectNode levels = MetadataTrees.read(
                new ByteArrayInputStream(document.levels().orElseThrow().getBytes(StandardCharsets.UTF_8)));
        String key = BlobCleanup.workBlobKey("metadata/", imageSetId, version + "-" + Ids.newId());
        Parts parts = new Parts(imageSetId, base, version, keys);
        try (WorkOwners.Registration owner = WorkOwners.register(imageSetId, imageSet.datastoreId())) {
            documents.write(
                    key,
                    out -> ImageSetDocument.write(
                            out,
                            imageSet.datastoreId(),
                            imageSetId,
                            baseBlob.<ImageSetDocument.Previous>map(blob -> () -> documents.open(blob))
                                    .orElse(null),
                            levels,
                            parts));
        }
        if (store.write(tx -> tx.imageSets().recordWholeDocument(imageSetId, version, key))) {
            return key;
        }
        documents.deleteQuietly(key);
        // Another server wrote it first, or the image set was deleted meanwhile.
        return store.read(tx -> tx.imageSets().findVersion(imageSetId, version))
                .flatMap(ImageSetVersion::document)
                .flatMap(VersionDocument::blob)
                .orElseThrow(() -> new NotFound("Image set " + imageSetId + " is DELETED"));
    }

    /** The parts of versions (base, version], read a page at a time; of a SOP Instance UID folded twice, the later. */
    private final class Parts implements ImageSetDocument.Additions {
        private final String imageSetId;
        private final int base;
        private final int version;
        private final List<DocumentPart.Key> keys;
        private final Map<String, DocumentPart.Key> latest = new HashMap<>();

        Parts(String imageSetId, int base, int version, List<DocumentPart.Key> keys) {
            this.imageSetId = imageSetId;
            this.base = base;
            this.version = version;
            this.keys = keys;
            keys.forEach(key -> latest.put(key.sopInstanceUid(), key));
        }

        @Override
        public String seriesInstanceUid() {
            Optional<DocumentPart.Key> beforeLast =
                    keys.size() < 2 ? Optional.empty() : Optional.of(keys.get(keys.size() - 2));
            return page(beforeLast, 1).get(0).metadata().seriesInstanceUid();
        }

        @Override
        public Set<String> sopInstanceUids() {
            return Set.copyOf(latest.keySet());
        }

        @Override
        public void forEach(Consumer each) throws IOException {
            Optional<DocumentPart.Key> after = Optional.empty();
            while (true) {
                List<DocumentPart> page = page(after, PAGE);
                for (DocumentPart part : page) {
                    if (latest.get(part.metadata().sopInstanceUid()).equals(part.key())) {
                        each.accept(part.metadata());
                    }
                }
                if (page.size() < PAGE) {
                    return;
                }
                after = Optional.of(page.get(page.size() - 1).key());
            }
        }

        private List<DocumentPart> page(Optional<DocumentPart.Key> after, int limit) {
            return store.read(tx -> tx.imageSets().documentParts(imageSetId, base, version, after, limit));
        }
    }

    private static String await(CompletableFuture<String> future) throws IOException {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }
}
