package org.openahi.server.dicomweb;

import java.io.IOException;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.metadata.InstanceDataset;

/** Resolves the series or instance a WADO-RS request names, and the URLs its metadata points back to. */
final class RetrievalTarget {
    private RetrievalTarget() {}

    static DicomWebReads.SeriesView series(DicomWebReads reads, DicomWebRequest request) throws IOException {
        DicomWebPath path = request.path();
        return reads.series(path.datastoreId(), path.requireStudy(), path.requireSeries(), request.imageSetId());
    }

    /** The metadata item of an instance of the series, with bulk data URLs under the instance's URL. */
    static MetadataResponse.Item item(
            DicomWebRequest request,
            DicomWebReads.SeriesView series,
            String study,
            InstanceDataset instance,
            String sopInstanceUid) {
        String base = request.urls().instance(study, series.seriesInstanceUid(), sopInstanceUid) + "/bulkdata/";
        String query = request.imageSetId().map(id -> "?imageSetId=" + id).orElse("");
        return new MetadataResponse.Item(instance, base, query);
    }
}
