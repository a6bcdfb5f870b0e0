package org.openahi.core.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.openahi.core.imageset.DicomWebIndex;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.VersionDocuments;
import org.openahi.core.metadata.DocumentFacts;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes for QIDO-RS the image sets written before its index existed (database migration V005), from each one's
 * latest complete document, once, in the background after start. Image sets written since are indexed with
 * their documents; a version completed while the backfill reads is left to the writer's own index.
 */
public final class DicomWebIndexBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(DicomWebIndexBackfill.class);
    private static final int BATCH = 100;
    private static final DicomWebIndex EMPTY = new DicomWebIndex(null, null, null, List.of());

    private final MetadataStore store;
    private final VersionDocuments documents;

    public DicomWebIndexBackfill(MetadataStore store, VersionDocuments documents) {
        this.store = store;
        this.documents = documents;
    }

    /** Indexes every image set not indexed yet; returns how many it indexed. Failures are logged and skipped. */
    public int run() {
        int indexed = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String> ids = store.read(tx -> tx.imageSets().notDicomWebIndexed(from, BATCH));
            if (ids.isEmpty()) {
                break;
            }
            for (String id : ids) {
                try {
                    indexed += index(id) ? 1 : 0;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Image set {} could not be indexed for QIDO-RS: {}", id, e.toString());
                }
            }
            after = ids.get(ids.size() - 1);
        }
        if (indexed > 0) {
            LOG.info("Indexed {} image sets written before QIDO-RS for it", indexed);
        }
        return indexed;
    }

    private boolean index(String imageSetId) throws IOException {
        Optional<ImageSetVersion> readable = store.read(tx -> {
            Optional<ImageSet> imageSet = tx.imageSets().findById(imageSetId);
            for (int version = imageSet.map(ImageSet::latestVersion).orElse(0); version >= 1; version--) {
                Optional<ImageSetVersion> found = tx.imageSets().findVersion(imageSetId, version);
                if (found.isPresent() && found.get().document().isPresent()) {
                    return found;
                }
            }
            return Optional.<ImageSetVersion>empty();
        });
        DicomWebIndex index = EMPTY;
        if (readable.isPresent()) {
            try (InputStream in = documents.open(imageSetId, readable.get())) {
                index = DocumentFacts.read(in).dicomWeb();
            }
        }
        DicomWebIndex found = index;
        int version = readable.map(ImageSetVersion::version).orElse(0);
        return store.write(tx -> {
            Optional<ImageSet> now = tx.imageSets().findById(imageSetId);
            // A version written meanwhile indexed the image set itself (or will when its LOCKED work ends).
            if (now.isEmpty() || (readable.isPresent() && now.get().latestVersion() != version)) {
                return false;
            }
            tx.imageSets().updateDicomWebIndex(imageSetId, found);
            return true;
        });
    }
}
