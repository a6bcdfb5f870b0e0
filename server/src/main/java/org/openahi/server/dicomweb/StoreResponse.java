package org.openahi.server.dicomweb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openahi.core.importing.InstanceIngest;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;
import org.openahi.server.http.WireResponse;

/**
 * The PS3.18 store response (§10.5.3) as DICOM JSON: a ReferencedSOPSequence item (SOP class, instance, RetrieveURL)
 * per stored instance and a FailedSOPSequence item with a FailureReason (PS3.18 Table 10.5.3-2) per failed one.
 * Status 200 when every instance was stored, 409 when any failed (as AHI answers). The failures' reasons in words
 * go in a {@code Warning} header, since the response data set has no attribute for them.
 */
final class StoreResponse {
    static final int CANNOT_UNDERSTAND = 0xC000;
    static final int OUT_OF_RESOURCES = 0xA700;
    static final int DOES_NOT_MATCH = 0xA900;
    static final int PROCESSING_FAILURE = 0x0110;
    private static final int MAX_WARNING_CHARS = 2000;

    private StoreResponse() {}

    static WireResponse of(DicomWebRequest request, List<InstanceIngest.Outcome> outcomes) throws IOException {
        Dataset response = new Dataset();
        request.path()
                .study()
                .ifPresent(study -> response.putStrings(
                        Tag.RetrieveURL, VR.UR, request.urls().study(study)));
        List<InstanceIngest.Stored> stored = outcomes.stream()
                .filter(InstanceIngest.Stored.class::isInstance)
                .map(InstanceIngest.Stored.class::cast)
                .toList();
        List<InstanceIngest.Failed> failed = outcomes.stream()
                .filter(InstanceIngest.Failed.class::isInstance)
                .map(InstanceIngest.Failed.class::cast)
                .toList();
        if (!failed.isEmpty()) {
            Sequence items = response.putSequence(Tag.FailedSOPSequence);
            for (InstanceIngest.Failed failure : failed) {
                Dataset item = items.addItem();
                failure.sopClassUid().ifPresent(uid -> item.putStrings(Tag.ReferencedSOPClassUID, VR.UI, uid));
                failure.sopInstanceUid().ifPresent(uid -> item.putStrings(Tag.ReferencedSOPInstanceUID, VR.UI, uid));
                item.putLongs(Tag.FailureReason, VR.US, failureReason(failure.reason()));
            }
        }
        if (!stored.isEmpty()) {
            Sequence items = response.putSequence(Tag.ReferencedSOPSequence);
            for (InstanceIngest.Stored instance : stored) {
                Dataset item = items.addItem();
                item.putStrings(Tag.ReferencedSOPClassUID, VR.UI, instance.sopClassUid());
                item.putStrings(Tag.ReferencedSOPInstanceUID, VR.UI, instance.sopInstanceUid());
                item.putStrings(Tag.RetrieveURL, VR.UR, retrieveUrl(request, instance));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/dicom+json");
        if (!failed.isEmpty()) {
            headers.put("Warning", warning(failed));
        }
        byte[] body = DicomJsonWriter.toJson(response, BulkDataPolicy.inline()).getBytes(StandardCharsets.UTF_8);
        return new WireResponse(failed.isEmpty() ? 200 : 409, headers, body);
    }

    /** The instance's WADO-RS URL; a non-primary image set is only reachable with its imageSetId. */
    private static String retrieveUrl(DicomWebRequest request, InstanceIngest.Stored instance) {
        return request.urls()
                        .instance(instance.studyInstanceUid(), instance.seriesInstanceUid(), instance.sopInstanceUid())
                + (instance.primary() ? "" : "?imageSetId=" + instance.imageSetId());
    }

    private static int failureReason(InstanceIngest.Reason reason) {
        return switch (reason) {
            case NOT_UNDERSTOOD -> CANNOT_UNDERSTAND;
            case TOO_LARGE -> OUT_OF_RESOURCES;
            case OTHER_STUDY -> DOES_NOT_MATCH;
            case PROCESSING_FAILURE -> PROCESSING_FAILURE;
        };
    }

    /** Warn-code 299 with the failures' messages on one header line, as the QIDO-RS warnings are written. */
    private static String warning(List<InstanceIngest.Failed> failed) {
        String text = failed.size() + " instance(s) not stored: "
                + String.join(
                        "; ",
                        failed.stream().map(InstanceIngest.Failed::message).toList());
        text = text.replaceAll("[^\\x20-\\x7E]", "?");
        if (text.length() > MAX_WARNING_CHARS) {
            text = text.substring(0, MAX_WARNING_CHARS) + "...";
        }
        return "299 openahi: " + text;
    }
}
