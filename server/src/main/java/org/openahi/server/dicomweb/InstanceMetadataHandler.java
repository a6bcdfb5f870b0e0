package org.openahi.server.dicomweb;

import java.io.IOException;
import java.util.List;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.server.http.WireResponse;

/** GetDICOMInstanceMetadata: GET .../instances/{instance}/metadata. */
public final class InstanceMetadataHandler implements DicomWebHandler {
    private final DicomWebReads reads;

    public InstanceMetadataHandler(DicomWebReads reads) {
        this.reads = reads;
    }

    @Override
    public WireResponse handle(DicomWebRequest request) throws IOException {
        MetadataResponse.requireJsonAccepted(request);
        DicomWebReads.SeriesView series = RetrievalTarget.series(reads, request);
        String sop = request.path().requireInstance();
        return MetadataResponse.of(
                request,
                List.of(RetrievalTarget.item(
                        request, series, request.path().requireStudy(), series.instance(sop), sop)));
    }
}
