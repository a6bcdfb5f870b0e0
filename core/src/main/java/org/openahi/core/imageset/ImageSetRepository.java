package org.openahi.core.imageset;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Storage port for image sets, their versions, frames and pending work; called inside a transaction. */
public interface ImageSetRepository {

    void insert(ImageSet imageSet);

    Optional<ImageSet> find(String datastoreId, String imageSetId);

    /** An image set by id alone, for background work that already holds it LOCKED. */
    Optional<ImageSet> findById(String imageSetId);

    /** The live (not DELETED) primary image set of a series. */
    Optional<ImageSet> findPrimary(String datastoreId, String seriesInstanceUid);

    /** The live primary image sets of a study. */
    List<ImageSet> findPrimaryInStudy(String datastoreId, String studyInstanceUid);

    /** Records the image set's latest version, state, status, primacy, identity and update time. */
    void update(ImageSet imageSet);

    /** Records what SearchImageSets shows of the image set's latest document. */
    void updateSummary(String imageSetId, ImageSetSummary summary);

    /** What SearchImageSets shows of the image set's latest document. */
    Optional<ImageSetSummary> findSummary(String imageSetId);

    /** Records what QIDO-RS finds of the image set's latest document, replacing its instance rows. */
    void updateDicomWebIndex(String imageSetId, DicomWebIndex index);

    /**
     * Adds instances to the image set's QIDO-RS index, replacing the rows of the same SOP Instance UIDs, and records
     * the series attributes {@code added} carries; returns how many of its instances were not indexed before.
     */
    int mergeDicomWebIndex(String imageSetId, DicomWebIndex added);

    /**
     * Ids of image sets (not DELETED) indexed before QIDO-RS was, above {@code afterId} in id order, for the
     * start-up backfill.
     */
    List<String> notDicomWebIndexed(String afterId, int limit);

    /** QIDO-RS studies: most recently updated first. */
    List<QidoRow.Study> searchStudies(QidoQuery query);

    /**
     * QIDO-RS series of the query's study, or of every study when it names none: by StudyInstanceUID (across
     * studies), then SeriesNumber, then SeriesInstanceUID.
     */
    List<QidoRow.Series> searchSeries(QidoQuery query);

    /**
     * QIDO-RS instances of the query's study (and series when given), or of every study when it names none: by
     * StudyInstanceUID and SeriesInstanceUID (across studies), then InstanceNumber, then SOPInstanceUID.
     */
    List<QidoRow.Instance> searchInstances(QidoQuery query);

    /**
     * The SOP Class UIDs of the instances, among {@code sopInstanceUids}, that a live (not DELETED) image set of the
     * data store holds, primary or not, by SOP Instance UID (Storage Commitment).
     */
    Map<String, String> heldInstances(String datastoreId, Collection<String> sopInstanceUids);

    void insertVersion(ImageSetVersion version);

    /** Records a pending version's outcome. */
    void updateVersion(ImageSetVersion version);

    Optional<ImageSetVersion> findVersion(String imageSetId, int version);

    /** Versions newest first, below {@code before} when given. */
    List<ImageSetVersion> listVersions(String imageSetId, OptionalInt before, int limit);

    void insertFrame(StoredFrame frame);

    void insertFrames(List<StoredFrame> frames);

    Optional<StoredFrame> findFrame(String imageSetId, String frameId);

    List<StoredFrame> frames(String imageSetId);

    /**
     * Points the frame rows that refer to blob {@code blobKey} (of every image set: copies share blobs) at blob {@code
     * newBlobKey} of {@code size} bytes, the same frame stored anew; returns the image sets whose rows it changed.
     */
    Set<String> replaceFrameBlob(String blobKey, String newBlobKey, long size);

    /** Records the instances a version folded in, as parts of its document ({@link VersionDocument}). */
    void insertDocumentParts(String imageSetId, List<DocumentPart> parts);

    /** The keys of the parts that the versions after {@code afterVersion} up to {@code upToVersion} folded in, in order. */
    List<DocumentPart.Key> documentPartKeys(String imageSetId, int afterVersion, int upToVersion);

    /** Up to {@code limit} of those parts with their content, in order, from the one after {@code after} (or the first). */
    List<DocumentPart> documentParts(
            String imageSetId, int afterVersion, int upToVersion, Optional<DocumentPart.Key> after, int limit);

    /** Where the instance staged under {@code partId} was folded in. */
    Optional<DocumentPart.Location> findDocumentPart(String partId);

    /**
     * Records the whole document written from a folded version's parts; false when the version has one already, or
     * its content was forgotten (the image set was deleted).
     */
    boolean recordWholeDocument(String imageSetId, int version, String blobKey);

    /** Forgets a deleted image set's frames and documents; their blobs are reclaimed once nothing refers to them. */
    void forgetContent(String imageSetId);

    /** Image sets of the data store that are not DELETED. */
    int countNotDeleted(String datastoreId);

    /** True when some frame row, staged frame or version row refers to the blob. */
    boolean referencesBlob(String key);

    /** The blobs an image set's frame rows and version rows refer to. */
    List<String> contentBlobs(String imageSetId);

    List<SearchResult> search(SearchQuery query);

    /** Records new work with no attempts yet. */
    void insertWork(PendingWork operation);

    Optional<PendingWork> findWork(PendingWork.Key key);

    /** Work no run has started (no attempts yet), oldest first. */
    List<PendingWork.Key> unstartedWork(int limit);

    /** Starts a run of the work (its lease just claimed): one more attempt; false when the work is gone (it ended). */
    boolean startWork(PendingWork.Key key);

    void deleteWork(PendingWork.Key key);

    /** The work ids ({@link PendingWork.Key#workId()}) of every pending operation. */
    Set<String> pendingWorkIds();
}
