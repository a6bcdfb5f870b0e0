package org.openahi.server.aws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.error.NotFound;
import org.openahi.core.error.QuotaExceeded;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.http.HttpError;

class ErrorTableTest {
    private final ErrorTable table = new ErrorTable(ServiceModel.load());

    @Test
    void theModelDeclaresTheNineErrorShapesWithAwsStatuses() {
        assertThat(table.modelledStatuses())
                .isEqualTo(Map.of(
                        "AccessDeniedException",
                        403,
                        "BadRequestException",
                        400,
                        "ConflictException",
                        409,
                        "InternalServerException",
                        500,
                        "NotAcceptableException",
                        406,
                        "ResourceNotFoundException",
                        404,
                        "ServiceQuotaExceededException",
                        402,
                        "ThrottlingException",
                        429,
                        "ValidationException",
                        400));
    }

    @Test
    void everyDomainFailureMapsToOneModelledErrorWithItsStatus() {
        assertThat(table.toAwsError(new InvalidRequest("m")))
                .extracting(HttpError::type, HttpError::status, HttpError::getMessage)
                .containsExactly("ValidationException", 400, "m");
        assertThat(table.toAwsError(new NotFound("m")))
                .extracting(HttpError::type, HttpError::status)
                .containsExactly("ResourceNotFoundException", 404);
        assertThat(table.toAwsError(new Conflict("m")))
                .extracting(HttpError::type, HttpError::status)
                .containsExactly("ConflictException", 409);
        assertThat(table.toAwsError(new QuotaExceeded("m")))
                .extracting(HttpError::type, HttpError::status)
                .containsExactly("ServiceQuotaExceededException", 402);
    }
}
