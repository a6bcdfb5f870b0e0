package org.openahi.server.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.VR;
import org.openahi.server.http.StreamingPayload;
import org.openahi.server.http.WireResponse;

/**
 * GetDICOMBulkdata: GET .../instances/{instance}/bulkdata/{path}, the values metadata replaced by a BulkDataURI;
 * {path} is the value's tag path with '.' between segments (e.g. {@code 00420011} or {@code 00540016.0.00181242},
 * item numbers from 0). Sent as one application/octet-stream body, as AHI's OHIF set-up expects ("singlepart").
 */
public final class BulkDataHandler implements DicomWebHandler {
    private final DicomWebReads reads;

    public BulkDataHandler(DicomWebReads reads) {
        this.reads = reads;
    }

    @Override
    public WireResponse handle(DicomWebRequest request) throws IOException {
        String path = request.path().tail().orElseThrow();
        DicomWebReads.SeriesView series = RetrievalTarget.series(reads, request);
        Element element = find(series.instance(request.path().requireInstance()).dataset(), path);
        if (element.vr().kind() != VR.Kind.BYTES) {
            throw DicomWebError.notFound("Attribute " + path + " is not bulk data");
        }
        byte[] value = element.bytes();
        boolean accepted = MediaRange.parseAccept(request.headerValues("accept")).stream()
                .anyMatch(range -> range.accepts(FrameRepresentation.OCTET_STREAM)
                        || range.mediaType().equals("multipart/related"));
        if (!accepted) {
            throw DicomWebError.notAcceptable("Bulk data is available as application/octet-stream");
        }
        return WireResponse.streamed(
                Map.of("Content-Type", FrameRepresentation.OCTET_STREAM),
                new StreamingPayload(new ByteArrayInputStream(value), value.length));
    }

    /** The element at the tag path; 404 when the path names nothing. */
    private static Element find(Dataset dataset, String path) {
        String[] segments = path.split("\\.", -1);
        Dataset current = dataset;
        for (int i = 0; i < segments.length; i++) {
            Element element = current.get(tag(segments[i], path));
            if (element == null) {
                break;
            }
            if (i == segments.length - 1) {
                return element;
            }
            if (!element.isSequence() || i + 1 >= segments.length - 1) {
                break;
            }
            int item = item(segments[++i], path);
            if (item >= element.items().size()) {
                break;
            }
            current = element.items().get(item);
        }
        throw DicomWebError.notFound("No bulk data at " + path);
    }

    private static int tag(String segment, String path) {
        if (segment.length() != 8) {
            throw DicomWebError.notFound("No bulk data at " + path);
        }
        try {
            return Integer.parseUnsignedInt(segment, 16);
        } catch (NumberFormatException e) {
            throw DicomWebError.notFound("No bulk data at " + path);
        }
    }

    private static int item(String segment, String path) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            throw DicomWebError.notFound("No bulk data at " + path);
        }
    }
}
