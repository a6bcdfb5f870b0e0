package org.openahi.server.dicomweb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openahi.core.metadata.InstanceDataset;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;
import org.openahi.server.http.WireResponse;

/**
 * WADO-RS metadata (PS3.18 §10.4.1.1.2, Annex F): a JSON array of the instances' attributes, with the Transfer
 * Syntax UID of the stored frames (as AHI answers) and binary values over {@value #BULK_DATA_THRESHOLD} bytes
 * replaced by a BulkDataURI (as AHI does above 1 MB).
 */
final class MetadataResponse {
    static final long BULK_DATA_THRESHOLD = 1024 * 1024;
    private static final String DICOM_JSON = "application/dicom+json";

    /** An instance and where its bulk data is retrieved from (an absolute URL ending in "/bulkdata/"). */
    record Item(InstanceDataset instance, String bulkDataBase, String bulkDataQuery) {}

    private MetadataResponse() {}

    static WireResponse of(DicomWebRequest request, List<Item> items) throws IOException {
        requireJsonAccepted(request);
        StringBuilder json = new StringBuilder(8192 * Math.max(1, items.size()));
        json.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            Item item = items.get(i);
            DicomJsonWriter.write(
                    withTransferSyntax(item.instance()),
                    json,
                    bulkDataAbove(item.bulkDataBase(), item.bulkDataQuery()));
        }
        json.append(']');
        return new WireResponse(
                200, Map.of("Content-Type", DICOM_JSON), json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The data set with the stored Transfer Syntax UID (0002,0010), first as DICOM JSON orders tags. */
    private static Dataset withTransferSyntax(InstanceDataset instance) {
        Dataset dataset = new Dataset();
        dataset.put(instance.fileMeta().get(Tag.TransferSyntaxUID));
        for (Element element : instance.dataset()) {
            dataset.put(element);
        }
        return dataset;
    }

    static void requireJsonAccepted(DicomWebRequest request) {
        boolean acceptable = MediaRange.parseAccept(request.headerValues("accept")).stream()
                .anyMatch(range -> range.accepts(DICOM_JSON) || range.accepts("application/json"));
        if (!acceptable) {
            throw DicomWebError.notAcceptable("Metadata is available as " + DICOM_JSON + " only");
        }
    }

    /** Bulk data URIs name the value by its tag path with '.' between segments (one path segment). */
    private static BulkDataPolicy bulkDataAbove(String base, String query) {
        return (path, element) -> element.length() > BULK_DATA_THRESHOLD ? base + path.replace('/', '.') + query : null;
    }
}
