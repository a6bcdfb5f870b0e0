package org.openahi.server.dicomweb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.importing.InstanceIngest;
import org.openahi.server.http.SpooledBody;
import org.openahi.server.http.WireResponse;

/**
 * STOW-RS: StoreDICOM ({@code POST .../studies}) and StoreDICOMStudy ({@code POST .../studies/{study}}). The body,
 * already spooled ({@link SpooledBody}), is one {@code application/dicom} instance or a {@code multipart/related} of them; each
 * instance is imported as an import job imports it ({@link InstanceIngest}), and the answer is the PS3.18 store
 * response ({@link StoreResponse}).
 */
public final class StoreHandler implements DicomWebHandler {
    private static final String DICOM = "application/dicom";
    private static final String MULTIPART = "multipart/related";

    private final InstanceIngest importer;

    public StoreHandler(InstanceIngest importer) {
        this.importer = importer;
    }

    @Override
    public WireResponse handle(DicomWebRequest request) throws IOException {
        MetadataResponse.requireJsonAccepted(request);
        SpooledBody body = request.raw()
                .spooled()
                .orElseThrow(() -> new IllegalStateException("STOW-RS bodies are spooled by the HTTP layer"));
        List<InstanceIngest.Upload> uploads = new ArrayList<>();
        List<Optional<InstanceIngest.Failed>> refused = new ArrayList<>();
        MediaRange contentType = contentType(request);
        if (contentType.mediaType().equals(DICOM)) {
            uploads.add(new InstanceIngest.Upload("the body", body.size(), body::open));
            refused.add(Optional.empty());
        } else {
            for (MultipartParts.Part part : MultipartParts.scan(body, boundary(contentType))) {
                String partType = Optional.ofNullable(part.contentType())
                        .map(type -> MediaRange.parse(type).mediaType())
                        .orElse(DICOM);
                if (partType.equals(DICOM)) {
                    uploads.add(new InstanceIngest.Upload(
                            "part " + part.number(), part.length(), () -> body.open(part.offset(), part.length())));
                    refused.add(Optional.empty());
                } else {
                    refused.add(Optional.of(new InstanceIngest.Failed(
                            Optional.empty(),
                            Optional.empty(),
                            InstanceIngest.Reason.NOT_UNDERSTOOD,
                            "part " + part.number() + " is " + part.contentType() + ", not " + DICOM)));
                }
            }
        }
        if (refused.isEmpty()) {
            throw DicomWebError.badRequest("The multipart body holds no parts");
        }
        List<InstanceIngest.Outcome> imported =
                importer.store(request.path().datastoreId(), request.path().study(), uploads);
        List<InstanceIngest.Outcome> outcomes = new ArrayList<>();
        int next = 0;
        for (Optional<InstanceIngest.Failed> failure : refused) {
            outcomes.add(failure.isPresent() ? failure.get() : imported.get(next++));
        }
        return StoreResponse.of(request, outcomes);
    }

    /** The request's Content-Type: application/dicom, or multipart/related of application/dicom (else 415). */
    private static MediaRange contentType(DicomWebRequest request) {
        String header = request.raw().header("content-type");
        MediaRange type = header == null || !header.contains("/") ? null : MediaRange.parse(header);
        if (type != null
                && (type.mediaType().equals(DICOM)
                        || (type.mediaType().equals(MULTIPART)
                                && type.parameter("type").map(DICOM::equals).orElse(true)))) {
            return type;
        }
        throw DicomWebError.unsupportedMediaType("STOW-RS takes " + MULTIPART + "; type=\"" + DICOM + "\" or " + DICOM
                + ", not " + (header == null ? "a body without Content-Type" : header));
    }

    private static String boundary(MediaRange contentType) {
        return contentType
                .parameter("boundary")
                .filter(boundary -> !boundary.isEmpty())
                .orElseThrow(
                        () -> DicomWebError.badRequest("The multipart/related Content-Type has no boundary parameter"));
    }
}
