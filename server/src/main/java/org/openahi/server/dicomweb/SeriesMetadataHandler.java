package org.openahi.server.dicomweb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.server.http.WireResponse;

/** GetDICOMSeriesMetadata: GET .../studies/{study}/series/{series}/metadata. */
public final class SeriesMetadataHandler implements DicomWebHandler {
    private final DicomWebReads reads;

    public SeriesMetadataHandler(DicomWebReads reads) {
        this.reads = reads;
    }

    @Override
    public WireResponse handle(DicomWebRequest request) throws IOException {
        MetadataResponse.requireJsonAccepted(request);
        DicomWebReads.SeriesView series = RetrievalTarget.series(reads, request);
        List<MetadataResponse.Item> items = new ArrayList<>();
        for (String sop : series.instanceUids()) {
            items.add(RetrievalTarget.item(request, series, request.path().requireStudy(), series.instance(sop), sop));
        }
        return MetadataResponse.of(request, items);
    }
}
