package org.openahi.server.dicomweb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openahi.core.dicomweb.DicomWebSearch;
import org.openahi.core.dicomweb.QidoDatasets;
import org.openahi.core.dicomweb.QidoLevel;
import org.openahi.core.dicomweb.QidoRequest;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;
import org.openahi.server.http.WireResponse;

/**
 * QIDO-RS: SearchDICOMStudies, SearchDICOMSeries and SearchDICOMInstances (series- and study-scoped), answered as
 * a DICOM JSON array; no match is {@code 200 []}. PS3.18 warnings (fuzzy matching ignored, more results) go in
 * the {@code Warning} header.
 */
public final class SearchHandler implements DicomWebHandler {
    private final DicomWebSearch search;

    public SearchHandler(DicomWebSearch search) {
        this.search = search;
    }

    @Override
    public WireResponse handle(DicomWebRequest request) throws IOException {
        MetadataResponse.requireJsonAccepted(request);
        DicomWebPath path = request.path();
        DicomWebPath.Resource resource = path.resource();
        DicomWebUrls urls = request.urls();
        Map<String, List<String>> parameters = request.query().asMap();
        List<Dataset> matches = new ArrayList<>();
        DicomWebSearch.Found<?> found = switch (resource) {
            case STUDIES -> {
                var studies =
                        search.studies(path.datastoreId(), QidoParameters.parse(QidoLevel.STUDY, false, parameters));
                studies.rows()
                        .forEach(row ->
                                matches.add(withUrl(QidoDatasets.study(row), urls.study(row.studyInstanceUid()))));
                yield studies;
            }
            case STUDY_SERIES, ALL_SERIES -> {
                var series = search.series(
                        path.datastoreId(),
                        path.study(),
                        QidoParameters.parse(QidoLevel.SERIES, path.study().isEmpty(), parameters));
                series.rows()
                        .forEach(row -> matches.add(withUrl(
                                QidoDatasets.series(row),
                                urls.series(row.studyInstanceUid(), row.seriesInstanceUid()))));
                yield series;
            }
            default -> {
                var instances = search.instances(
                        path.datastoreId(),
                        path.study(),
                        path.series(),
                        QidoParameters.parse(QidoLevel.INSTANCE, path.study().isEmpty(), parameters));
                instances
                        .rows()
                        .forEach(row -> matches.add(withUrl(
                                QidoDatasets.instance(row),
                                urls.instance(row.studyInstanceUid(), row.seriesInstanceUid(), row.sopInstanceUid()))));
                yield instances;
            }
        };
        StringBuilder json = new StringBuilder(1024 * Math.max(1, matches.size()));
        json.append('[');
        for (Dataset match : matches) {
            if (json.length() > 1) {
                json.append(',');
            }
            DicomJsonWriter.write(match, json, BulkDataPolicy.inline());
        }
        json.append(']');
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/dicom+json");
        List<String> warnings = warnings(found);
        if (!warnings.isEmpty()) {
            headers.put("Warning", String.join(", ", warnings));
        }
        return new WireResponse(200, headers, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Dataset withUrl(Dataset match, String retrieveUrl) {
        match.putStrings(Tag.RetrieveURL, VR.UR, retrieveUrl);
        return match;
    }

    /** PS3.18's Warning texts (RFC 7234 code 299): fuzzy matching not done, results beyond the page. */
    private static List<String> warnings(DicomWebSearch.Found<?> found) {
        List<String> warnings = new ArrayList<>();
        if (found.fuzzyMatchingIgnored()) {
            warnings.add("299 openahi: The fuzzymatching parameter is not supported. Only literal matching has been "
                    + "performed.");
        }
        switch (found.beyond()) {
            case MORE -> warnings.add("299 openahi: There are additional results that can be requested.");
            case BEYOND_CAP ->
                warnings.add("299 openahi: There are more than " + QidoRequest.MAX_RESULTS + " results; "
                        + "the rest cannot be reached through QIDO-RS.");
            case NOTHING -> {}
        }
        return warnings;
    }
}
