package org.openahi.core.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openahi.core.imageset.DicomWebIndex;
import org.openahi.core.imageset.DocumentPart;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetRepository;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetSummary;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.PendingWork;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoRow;
import org.openahi.core.imageset.SearchQuery;
import org.openahi.core.imageset.SearchResult;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.VersionDocument;
import org.openahi.core.memory.MemoryTables.ImageSetRow;
import org.openahi.core.memory.MemoryTables.Pair;
import org.openahi.core.memory.MemoryTables.PendingWorkRow;

final class MemoryImageSetRepository implements ImageSetRepository {
    /** What a summary reads as before one is recorded. */
    static final ImageSetSummary NO_SUMMARY = new ImageSetSummary(null, null, null, null, null, 0, null, null, 0, 0);

    private static final Comparator<DocumentPart> PART_ORDER =
            Comparator.comparingInt(DocumentPart::version).thenComparingInt(DocumentPart::seq);

    private final MemoryTables tables;
    private final MemoryQido qido;

    MemoryImageSetRepository(MemoryTables tables) {
        this.tables = tables;
        this.qido = new MemoryQido(tables);
    }

    @Override
    public void insert(ImageSet imageSet) {
        tables.requireParent(tables.datastores, imageSet.datastoreId(), "datastore");
        tables.insert(
                tables.imageSets, imageSet.id(), new ImageSetRow(imageSet, null, null, null, null, false), "image set");
    }

    @Override
    public Optional<ImageSet> find(String datastoreId, String imageSetId) {
        return findById(imageSetId).filter(set -> set.datastoreId().equals(datastoreId));
    }

    @Override
    public Optional<ImageSet> findById(String imageSetId) {
        return Optional.ofNullable(tables.imageSets.get(imageSetId)).map(ImageSetRow::imageSet);
    }

    @Override
    public Optional<ImageSet> findPrimary(String datastoreId, String seriesInstanceUid) {
        return livePrimary(datastoreId)
                .filter(set -> seriesInstanceUid.equals(set.identity().seriesInstanceUid()))
                .findFirst();
    }

    @Override
    public List<ImageSet> findPrimaryInStudy(String datastoreId, String studyInstanceUid) {
        return livePrimary(datastoreId)
                .filter(set -> studyInstanceUid.equals(set.identity().studyInstanceUid()))
                .sorted(Comparator.comparing(ImageSet::id))
                .toList();
    }

    @Override
    public void update(ImageSet imageSet) {
        // The creation time and data store are the row's own; an update changes everything else.
        change(imageSet.id(), row -> {
            ImageSet was = row.imageSet();
            ImageSet now = new ImageSet(
                    was.id(),
                    was.datastoreId(),
                    was.createdAt(),
                    imageSet.updatedAt(),
                    imageSet.latestVersion(),
                    imageSet.state(),
                    imageSet.workflowStatus(),
                    imageSet.primary(),
                    imageSet.identity());
            return new ImageSetRow(
                    now,
                    row.summary(),
                    row.referringPhysicianName(),
                    row.seriesDescription(),
                    row.seriesNumber(),
                    row.dicomWebIndexed());
        });
    }

    @Override
    public void updateSummary(String imageSetId, ImageSetSummary summary) {
        change(
                imageSetId,
                row -> new ImageSetRow(
                        row.imageSet(),
                        summary,
                        row.referringPhysicianName(),
                        row.seriesDescription(),
                        row.seriesNumber(),
                        row.dicomWebIndexed()));
    }

    @Override
    public Optional<ImageSetSummary> findSummary(String imageSetId) {
        return Optional.ofNullable(tables.imageSets.get(imageSetId))
                .map(row -> row.summary() == null ? NO_SUMMARY : row.summary());
    }

    @Override
    public void updateDicomWebIndex(String imageSetId, DicomWebIndex index) {
        qido.replaceIndex(imageSetId, index);
    }

    @Override
    public int mergeDicomWebIndex(String imageSetId, DicomWebIndex added) {
        return qido.mergeIndex(imageSetId, added);
    }

    @Override
    public List<String> notDicomWebIndexed(String afterId, int limit) {
        return tables.imageSets.values().stream()
                .filter(row -> !row.dicomWebIndexed())
                .map(ImageSetRow::imageSet)
                .filter(set -> set.state() != ImageSetState.DELETED && set.id().compareTo(afterId) > 0)
                .map(ImageSet::id)
                .sorted()
                .limit(limit)
                .toList();
    }

    @Override
    public List<QidoRow.Study> searchStudies(QidoQuery query) {
        return qido.studies(query);
    }

    @Override
    public List<QidoRow.Series> searchSeries(QidoQuery query) {
        return qido.series(query);
    }

    @Override
    public List<QidoRow.Instance> searchInstances(QidoQuery query) {
        return qido.instances(query);
    }

    @Override
    public Map<String, String> heldInstances(String datastoreId, Collection<String> sopInstanceUids) {
        return qido.heldInstances(datastoreId, sopInstanceUids);
    }

    @Override
    public void insertVersion(ImageSetVersion version) {
        tables.requireParent(tables.imageSets, version.imageSetId(), "image set");
        tables.insert(
                tables.versions, new Pair<>(version.imageSetId(), version.version()), version, "image set version");
    }

    @Override
    public void updateVersion(ImageSetVersion version) {
        tables.writing(tables.versions)
                .computeIfPresent(new Pair<>(version.imageSetId(), version.version()), (key, was) -> version);
    }

    @Override
    public Optional<ImageSetVersion> findVersion(String imageSetId, int version) {
        return Optional.ofNullable(tables.versions.get(new Pair<>(imageSetId, version)));
    }

    @Override
    public List<ImageSetVersion> listVersions(String imageSetId, OptionalInt before, int limit) {
        return tables.versions.values().stream()
                .filter(v -> v.imageSetId().equals(imageSetId))
                .filter(v -> before.isEmpty() || v.version() < before.getAsInt())
                .sorted(Comparator.comparingInt(ImageSetVersion::version).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public void insertFrame(StoredFrame frame) {
        tables.requireParent(tables.imageSets, frame.imageSetId(), "image set");
        tables.insert(tables.frames, new Pair<>(frame.imageSetId(), frame.frameId()), frame, "image frame");
    }

    @Override
    public void insertFrames(List<StoredFrame> frames) {
        frames.forEach(this::insertFrame);
    }

    @Override
    public Set<String> replaceFrameBlob(String blobKey, String newBlobKey, long size) {
        Set<String> replaced = new LinkedHashSet<>();
        for (Map.Entry<Pair<String, String>, StoredFrame> row :
                tables.writing(tables.frames).entrySet()) {
            StoredFrame frame = row.getValue();
            if (frame.blobKey().equals(blobKey)) {
                row.setValue(
                        new StoredFrame(frame.imageSetId(), frame.frameId(), newBlobKey, frame.contentType(), size));
                replaced.add(frame.imageSetId());
            }
        }
        return replaced;
    }

    @Override
    public Optional<StoredFrame> findFrame(String imageSetId, String frameId) {
        return Optional.ofNullable(tables.frames.get(new Pair<>(imageSetId, frameId)));
    }

    @Override
    public List<StoredFrame> frames(String imageSetId) {
        return tables.frames.values().stream()
                .filter(frame -> frame.imageSetId().equals(imageSetId))
                .toList();
    }

    @Override
    public void insertDocumentParts(String imageSetId, List<DocumentPart> parts) {
        for (DocumentPart part : parts) {
            tables.requireParent(tables.imageSets, imageSetId, "image set");
            boolean placeTaken =
                    parts(imageSetId).anyMatch(other -> other.version() == part.version() && other.seq() == part.seq());
            if (placeTaken) {
                throw new IllegalStateException("Duplicate key in document part: image set " + imageSetId + ", version "
                        + part.version() + ", seq " + part.seq());
            }
            tables.insert(tables.documentParts, part.partId(), new Pair<>(imageSetId, part), "document part");
        }
    }

    @Override
    public List<DocumentPart.Key> documentPartKeys(String imageSetId, int afterVersion, int upToVersion) {
        return parts(imageSetId)
                .filter(part -> part.version() > afterVersion && part.version() <= upToVersion)
                .sorted(PART_ORDER)
                .map(DocumentPart::key)
                .toList();
    }

    @Override
    public List<DocumentPart> documentParts(
            String imageSetId, int afterVersion, int upToVersion, Optional<DocumentPart.Key> after, int limit) {
        return parts(imageSetId)
                .filter(part -> part.version() > afterVersion && part.version() <= upToVersion)
                .filter(part -> after.isEmpty()
                        || part.version() > after.get().version()
                        || (part.version() == after.get().version()
                                && part.seq() > after.get().seq()))
                .sorted(PART_ORDER)
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<DocumentPart.Location> findDocumentPart(String partId) {
        return Optional.ofNullable(tables.documentParts.get(partId))
                .map(row -> new DocumentPart.Location(row.first(), row.second().version()));
    }

    @Override
    public boolean recordWholeDocument(String imageSetId, int version, String blobKey) {
        Pair<String, Integer> key = new Pair<>(imageSetId, version);
        ImageSetVersion found = tables.versions.get(key);
        Optional<VersionDocument> document = found == null ? Optional.empty() : found.document();
        if (document.isEmpty()
                || document.get().blob().isPresent()
                || document.get().partsBase().isEmpty()) {
            return false;
        }
        VersionDocument whole = new VersionDocument(
                Optional.of(blobKey), document.get().partsBase(), document.get().levels());
        tables.writing(tables.versions).put(key, withDocument(found, Optional.of(whole)));
        return true;
    }

    @Override
    public void forgetContent(String imageSetId) {
        tables.writing(tables.frames).keySet().removeIf(key -> key.first().equals(imageSetId));
        tables.writing(tables.indexedInstances)
                .keySet()
                .removeIf(key -> key.first().equals(imageSetId));
        tables.writing(tables.documentParts)
                .values()
                .removeIf(row -> row.first().equals(imageSetId));
        tables.writing(tables.versions)
                .replaceAll((key, version) ->
                        key.first().equals(imageSetId) ? withDocument(version, Optional.empty()) : version);
    }

    @Override
    public int countNotDeleted(String datastoreId) {
        return (int) live(datastoreId).count();
    }

    @Override
    public boolean referencesBlob(String key) {
        return tables.frames.values().stream().anyMatch(frame -> frame.blobKey().equals(key))
                || tables.staged.values().stream()
                        .flatMap(row -> row.instance().frames().stream())
                        .anyMatch(frame -> frame.blobKey().equals(key))
                || tables.versions.values().stream().anyMatch(version -> key.equals(blob(version)));
    }

    @Override
    public List<String> contentBlobs(String imageSetId) {
        Set<String> blobs = new LinkedHashSet<>();
        frames(imageSetId).forEach(frame -> blobs.add(frame.blobKey()));
        tables.versions.values().stream()
                .filter(version -> version.imageSetId().equals(imageSetId))
                .map(MemoryImageSetRepository::blob)
                .filter(Objects::nonNull)
                .forEach(blobs::add);
        return List.copyOf(blobs);
    }

    @Override
    public List<SearchResult> search(SearchQuery query) {
        ToLongFunction<ImageSetRow> sortValue = sortValue(query.sortField());
        Comparator<ImageSetRow> order = Comparator.comparingLong(sortValue)
                .thenComparing(row -> row.imageSet().id());
        return tables.imageSets.values().stream()
                .filter(row -> row.imageSet().datastoreId().equals(query.datastoreId()))
                .filter(row -> row.imageSet().state() != ImageSetState.DELETED)
                .filter(row -> query.conditions().stream().allMatch(condition -> holds(condition, row)))
                .filter(row -> query.after().isEmpty()
                        || Integer.signum(MemoryOrder.compare(
                                        sortValue.applyAsLong(row),
                                        row.imageSet().id(),
                                        query.after().get()))
                                == (query.ascending() ? 1 : -1))
                .sorted(query.ascending() ? order : order.reversed())
                .limit(query.limit())
                .map(row -> new SearchResult(row.imageSet(), row.summary() == null ? NO_SUMMARY : row.summary()))
                .toList();
    }

    private static boolean holds(SearchQuery.Condition condition, ImageSetRow row) {
        return switch (condition) {
            case SearchQuery.Equals equals -> equals.value().equals(attribute(equals.attribute(), row.imageSet()));
            case SearchQuery.Between between -> {
                // A study date and time unknown to the index is no number, so no range holds it.
                if (between.field() == SearchQuery.SortField.STUDY_DATE_TIME && row.summary() == null) {
                    yield false;
                }
                long value = sortValue(between.field()).applyAsLong(row);
                yield value >= between.from() && value <= between.to();
            }
            case SearchQuery.PrimaryIs primary -> row.imageSet().primary() == primary.primary();
        };
    }

    private static String attribute(SearchQuery.Attribute attribute, ImageSet set) {
        return switch (attribute) {
            case PATIENT_ID -> set.identity().patientId();
            case ACCESSION_NUMBER -> set.identity().accessionNumber();
            case STUDY_ID -> set.identity().studyId();
            case STUDY_INSTANCE_UID -> set.identity().studyInstanceUid();
            case SERIES_INSTANCE_UID -> set.identity().seriesInstanceUid();
        };
    }

    private static ToLongFunction<ImageSetRow> sortValue(SearchQuery.SortField field) {
        return switch (field) {
            case UPDATED_AT -> row -> row.imageSet().updatedAt().toEpochMilli();
            case CREATED_AT -> row -> row.imageSet().createdAt().toEpochMilli();
            case STUDY_DATE_TIME ->
                row -> row.summary() == null ? 0 : row.summary().studyDateTime();
        };
    }

    @Override
    public void insertWork(PendingWork work) {
        tables.requireParent(tables.imageSets, work.imageSetId(), "image set");
        PendingWork fresh = new PendingWork(work.imageSetId(), work.version(), work.kind(), work.plan(), 0);
        tables.insert(
                tables.pendingWork, work.key(), new PendingWorkRow(fresh, Instant.now()), "image set pending work");
    }

    @Override
    public Optional<PendingWork> findWork(PendingWork.Key key) {
        return Optional.ofNullable(tables.pendingWork.get(key)).map(PendingWorkRow::work);
    }

    @Override
    public List<PendingWork.Key> unstartedWork(int limit) {
        return tables.pendingWork.values().stream()
                .filter(row -> row.work().attempts() == 0)
                .sorted(Comparator.comparing(PendingWorkRow::createdAt))
                .limit(limit)
                .map(row -> row.work().key())
                .toList();
    }

    @Override
    public boolean startWork(PendingWork.Key key) {
        PendingWorkRow row = tables.pendingWork.get(key);
        if (row == null) {
            return false;
        }
        PendingWork work = row.work();
        PendingWork started =
                new PendingWork(work.imageSetId(), work.version(), work.kind(), work.plan(), work.attempts() + 1);
        tables.writing(tables.pendingWork).put(key, new PendingWorkRow(started, row.createdAt()));
        return true;
    }

    @Override
    public void deleteWork(PendingWork.Key key) {
        tables.writing(tables.pendingWork).remove(key);
    }

    @Override
    public Set<String> pendingWorkIds() {
        return tables.pendingWork.keySet().stream().map(PendingWork.Key::workId).collect(Collectors.toSet());
    }

    /** The data store's image sets that are not DELETED. */
    private Stream<ImageSet> live(String datastoreId) {
        return tables.imageSets.values().stream()
                .map(ImageSetRow::imageSet)
                .filter(set -> set.datastoreId().equals(datastoreId) && set.state() != ImageSetState.DELETED);
    }

    private Stream<ImageSet> livePrimary(String datastoreId) {
        return live(datastoreId).filter(ImageSet::primary);
    }

    private Stream<DocumentPart> parts(String imageSetId) {
        return tables.documentParts.values().stream()
                .filter(row -> row.first().equals(imageSetId))
                .map(Pair::second);
    }

    private void change(String imageSetId, java.util.function.UnaryOperator<ImageSetRow> change) {
        tables.writing(tables.imageSets).computeIfPresent(imageSetId, (id, row) -> change.apply(row));
    }

    private static String blob(ImageSetVersion version) {
        return version.document().flatMap(VersionDocument::blob).orElse(null);
    }

    private static ImageSetVersion withDocument(ImageSetVersion v, Optional<VersionDocument> document) {
        return new ImageSetVersion(
                v.imageSetId(),
                v.version(),
                v.state(),
                v.workflowStatus(),
                v.createdAt(),
                v.updatedAt(),
                v.deletedAt(),
                v.message(),
                v.forced(),
                v.primary(),
                document);
    }
}
