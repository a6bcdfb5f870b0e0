package org.openahi.core.dicomweb;

import static org.openahi.core.metadata.DocumentFields.STUDY;
import static org.openahi.core.metadata.DocumentFields.allSeries;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.NotFound;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.VersionDocuments;
import org.openahi.core.metadata.InstanceDataset;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.tier.StorageTiers;

/**
 * What DICOMweb retrieves (WADO-RS), read from the same image sets as the AHI API: a series is its primary image
 * set's latest version, unless an image set id names another image set holding it; a study is all its primary
 * image sets. DELETED image sets are invisible; a LOCKED one is read at its last complete version.
 */
public final class DicomWebReads {
    private final MetadataStore store;
    private final VersionDocuments versions;
    private final DocumentCache documents;
    private final StorageTiers tiers;

    /** @param tiers told of every retrieve, which keeps an image set in (or brings it back to) use */
    public DicomWebReads(MetadataStore store, VersionDocuments versions, DocumentCache documents, StorageTiers tiers) {
        this.store = store;
        this.versions = versions;
        this.documents = documents;
        this.tiers = tiers;
    }

    /** A series as DICOMweb sees it: the image set holding it and that image set's metadata document. */
    public record SeriesView(ImageSet imageSet, String seriesInstanceUid, JsonNode document) {

        public List<String> instanceUids() {
            return InstanceDataset.instanceUids(document, seriesInstanceUid);
        }

        public InstanceDataset instance(String sopInstanceUid) {
            return InstanceDataset.of(document, seriesInstanceUid, sopInstanceUid);
        }

        /** The instance's SOP Class UID, without rebuilding its attributes. */
        public String sopClassUid(String sopInstanceUid) {
            return InstanceDataset.sopClassUid(document, seriesInstanceUid, sopInstanceUid);
        }

        /** How the instance's pixels are stored, without rebuilding its attributes. */
        public StoredFrames frames(String sopInstanceUid) {
            return StoredFrames.of(document, seriesInstanceUid, sopInstanceUid);
        }
    }

    /** The series of the study; NotFound when no visible image set holds it. */
    public SeriesView series(
            String datastoreId, String studyInstanceUid, String seriesInstanceUid, Optional<String> imageSetId)
            throws IOException {
        ImageSet imageSet = store.read(tx -> {
            requireDatastore(tx.datastores().find(datastoreId).isPresent(), datastoreId);
            Optional<ImageSet> found = imageSetId.isPresent()
                    ? tx.imageSets().find(datastoreId, imageSetId.get())
                    : tx.imageSets().findPrimary(datastoreId, seriesInstanceUid);
            return found.filter(set -> set.state() != ImageSetState.DELETED)
                    .orElseThrow(() -> new NotFound(imageSetId
                            .map(id -> "Image set " + id + " not found in datastore " + datastoreId)
                            .orElse("Series " + seriesInstanceUid + " not found in datastore " + datastoreId)));
        });
        SeriesView view = view(imageSet, seriesInstanceUid);
        String study = view.document()
                .path(STUDY)
                .path("DICOM")
                .path("StudyInstanceUID")
                .asText()
                .strip();
        if (!study.equals(studyInstanceUid)
                || allSeries(view.document()).path(seriesInstanceUid).isMissingNode()) {
            throw new NotFound("Series " + seriesInstanceUid + " of study " + studyInstanceUid + " not found"
                    + imageSetId.map(id -> " in image set " + id).orElse(""));
        }
        return view;
    }

    /** Every series of the study, one per primary image set; NotFound when there is none. */
    public List<SeriesView> study(String datastoreId, String studyInstanceUid) throws IOException {
        List<ImageSet> imageSets = store.read(tx -> {
            requireDatastore(tx.datastores().find(datastoreId).isPresent(), datastoreId);
            return tx.imageSets().findPrimaryInStudy(datastoreId, studyInstanceUid).stream()
                    .filter(set -> set.state() != ImageSetState.DELETED)
                    .toList();
        });
        if (imageSets.isEmpty()) {
            throw new NotFound("Study " + studyInstanceUid + " not found in datastore " + datastoreId);
        }
        List<SeriesView> views = new ArrayList<>();
        for (ImageSet imageSet : imageSets) {
            views.add(view(imageSet, imageSet.identity().seriesInstanceUid()));
        }
        return views;
    }

    /** A frame of the image set, as stored. */
    public StoredFrame frame(ImageSet imageSet, String frameId) {
        return store.read(tx -> tx.imageSets().findFrame(imageSet.id(), frameId))
                .orElseThrow(() -> new NotFound("Image frame " + frameId + " not found in image set " + imageSet.id()));
    }

    private SeriesView view(ImageSet imageSet, String seriesInstanceUid) throws IOException {
        tiers.accessed(imageSet.id());
        ImageSetVersion readable = store.read(tx -> {
            for (int version = imageSet.latestVersion(); version >= 1; version--) {
                Optional<ImageSetVersion> found = tx.imageSets().findVersion(imageSet.id(), version);
                if (found.isPresent() && found.get().document().isPresent()) {
                    return found.get();
                }
            }
            throw new Conflict("Image set " + imageSet.id() + " has no complete version yet");
        });
        return new SeriesView(imageSet, seriesInstanceUid, documents.get(versions.wholeBlob(imageSet.id(), readable)));
    }

    private static void requireDatastore(boolean exists, String datastoreId) {
        if (!exists) {
            throw new NotFound("Datastore " + datastoreId + " not found");
        }
    }
}
