package org.openahi.server.dicomweb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.server.http.WireResponse;

/**
 * GET .../studies/{study}/metadata: every instance of the study's primary image sets (beyond AHI, which retrieves
 * by series; viewers such as OHIF may ask for the study).
 */
public final class StudyMetadataHandler implements DicomWebHandler {
    private final DicomWebReads reads;

    public StudyMetadataHandler(DicomWebReads reads) {
        this.reads = reads;
    }

    @Override
    public WireResponse handle(DicomWebRequest request) throws IOException {
        MetadataResponse.requireJsonAccepted(request);
        String study = request.path().requireStudy();
        List<MetadataResponse.Item> items = new ArrayList<>();
        for (DicomWebReads.SeriesView series : reads.study(request.path().datastoreId(), study)) {
            for (String sop : series.instanceUids()) {
                items.add(RetrievalTarget.item(request, series, study, series.instance(sop), sop));
            }
        }
        return MetadataResponse.of(request, items);
    }
}
