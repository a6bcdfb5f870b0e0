package org.openahi.server.aws.protocol;

import java.util.Map;
import org.openahi.core.error.AccessDenied;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.error.NotFound;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.error.QuotaExceeded;
import org.openahi.core.error.Throttled;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.http.HttpError;

/** The one mapping from domain failures to the service model's error shapes; statuses come from the model. */
public final class ErrorTable {
    private final ServiceModel model;

    public ErrorTable(ServiceModel model) {
        this.model = model;
    }

    /** The model's error shape name for a domain failure. */
    public static String shapeFor(OpenAhiException failure) {
        return switch (failure) {
            case InvalidRequest e -> "ValidationException";
            case NotFound e -> "ResourceNotFoundException";
            case Conflict e -> "ConflictException";
            case QuotaExceeded e -> "ServiceQuotaExceededException";
            case AccessDenied e -> "AccessDeniedException";
            case Throttled e -> "ThrottlingException";
        };
    }

    public HttpError toAwsError(OpenAhiException failure) {
        return modelled(shapeFor(failure), failure.getMessage());
    }

    /** An error of the model, with the status its shape declares. */
    public HttpError modelled(String shape, String message) {
        return new HttpError(
                shape,
                model.shape(shape)
                        .errorStatus()
                        .orElseThrow(() -> new IllegalArgumentException(shape + " is not an error shape")),
                message);
    }

    /** Every error shape of the model with its status, for documentation and tests. */
    public Map<String, Integer> modelledStatuses() {
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        model.shapes().values().stream()
                .filter(s -> s.isError())
                .forEach(shape -> statuses.put(shape.name(), shape.errorStatus().orElseThrow()));
        return statuses;
    }
}
