package org.openahi.core.dicomweb;

import java.util.List;
import java.util.Optional;
import org.openahi.core.error.NotFound;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoRow;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;

/**
 * QIDO-RS (SearchDICOMStudies, SearchDICOMSeries, SearchDICOMInstances) over the live primary image sets of a
 * data store, answered from the metadata store's indexes (image set rows and their instance rows), never from
 * the documents; {@link QidoDatasets} gives each row's return keys.
 */
public final class DicomWebSearch {
    private final MetadataStore store;

    public DicomWebSearch(MetadataStore store) {
        this.store = store;
    }

    /** Whether results lie beyond the page: none, more the client can ask for, or more than the cap lets it reach. */
    public enum Beyond {
        NOTHING,
        MORE,
        BEYOND_CAP
    }

    /** The rows of one page, whether fuzzy matching was asked for (it is not done) and what lies beyond the page. */
    public record Found<R extends QidoRow>(List<R> rows, boolean fuzzyMatchingIgnored, Beyond beyond) {
        public Found {
            rows = List.copyOf(rows);
        }
    }

    public Found<QidoRow.Study> studies(String datastoreId, QidoRequest request) {
        return find(
                datastoreId,
                request,
                Optional.empty(),
                Optional.empty(),
                (tx, q) -> tx.imageSets().searchStudies(q));
    }

    /** Series of the study, or of every study when {@code studyInstanceUid} is empty. */
    public Found<QidoRow.Series> series(String datastoreId, Optional<String> studyInstanceUid, QidoRequest request) {
        return find(
                datastoreId,
                request,
                studyInstanceUid,
                Optional.empty(),
                (tx, q) -> tx.imageSets().searchSeries(q));
    }

    /**
     * Instances of the study, or of one of its series when {@code seriesInstanceUid} is given, or of every study when
     * {@code studyInstanceUid} is empty.
     */
    public Found<QidoRow.Instance> instances(
            String datastoreId,
            Optional<String> studyInstanceUid,
            Optional<String> seriesInstanceUid,
            QidoRequest request) {
        return find(
                datastoreId,
                request,
                studyInstanceUid,
                seriesInstanceUid,
                (tx, q) -> tx.imageSets().searchInstances(q));
    }

    private interface Search<R extends QidoRow> {
        List<R> run(Transaction tx, QidoQuery query);
    }

    private <R extends QidoRow> Found<R> find(
            String datastoreId,
            QidoRequest request,
            Optional<String> study,
            Optional<String> series,
            Search<R> search) {
        // One row beyond the page says whether more results exist.
        QidoQuery query =
                new QidoQuery(datastoreId, study, series, request.matches(), request.offset(), request.limit() + 1);
        List<R> rows = store.read(tx -> {
            if (tx.datastores().find(datastoreId).isEmpty()) {
                throw new NotFound("Datastore " + datastoreId + " not found");
            }
            return request.limit() == 0 ? List.<R>of() : search.run(tx, query);
        });
        Beyond beyond = Beyond.NOTHING;
        if (rows.size() > request.limit()) {
            rows = rows.subList(0, request.limit());
            beyond = request.endsAtCap() ? Beyond.BEYOND_CAP : Beyond.MORE;
        }
        return new Found<>(rows, request.fuzzyMatchingRequested(), beyond);
    }
}
