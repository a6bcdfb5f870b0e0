package org.openahi.server.dicomweb;

import java.util.List;
import java.util.Optional;
import org.openahi.server.http.QueryParameters;
import org.openahi.server.http.RawRequest;

/**
 * An authenticated DICOMweb request: its parsed path, decoded query parameters (a name may repeat), the request as it
 * arrived (headers, body) and the origin the client addressed ({@code https://host}, see
 * {@link org.openahi.server.http.RequestOrigins}).
 */
public record DicomWebRequest(DicomWebPath path, QueryParameters query, RawRequest raw, String origin) {

    /** The single value of a query parameter; a repeated one is a 400. */
    public Optional<String> parameter(String name) {
        List<String> values = query.all(name);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw DicomWebError.badRequest("Query parameter " + name + " is given " + values.size() + " times");
        }
        return Optional.of(values.get(0));
    }

    /** {@code imageSetId}: addresses one image set, primary or not, instead of the primary one of the series. */
    public Optional<String> imageSetId() {
        return parameter("imageSetId");
    }

    /** Every value of the header as it arrived (one per header line). */
    public List<String> headerValues(String lowerCaseName) {
        List<String> values = raw.headerValues().apply(lowerCaseName);
        return values == null ? List.of() : values;
    }

    /** The data store's DICOMweb URLs, under its root as the client addressed it ({@code https://host/datastore/{id}}). */
    public DicomWebUrls urls() {
        return new DicomWebUrls(origin + "/datastore/" + path.datastoreId());
    }
}
