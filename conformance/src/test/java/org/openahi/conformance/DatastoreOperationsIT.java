package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ConflictException;
import software.amazon.awssdk.services.medicalimaging.model.CreateDatastoreResponse;
import software.amazon.awssdk.services.medicalimaging.model.DatastoreProperties;
import software.amazon.awssdk.services.medicalimaging.model.DatastoreStatus;
import software.amazon.awssdk.services.medicalimaging.model.DatastoreSummary;
import software.amazon.awssdk.services.medicalimaging.model.LosslessStorageFormat;
import software.amazon.awssdk.services.medicalimaging.model.ResourceNotFoundException;
import software.amazon.awssdk.services.medicalimaging.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.medicalimaging.model.ValidationException;

/**
 * CreateDatastore, GetDatastore, ListDatastores and DeleteDatastore through the AWS SDK for Java v2:
 * every happy path and every error type the operations return. Runs once per back end.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.openahi.conformance.Storage#all")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatastoreOperationsIT {
    @Parameter
    Storage storage;

    private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012";
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:authorizer";

    private TestServer server;
    private MedicalImagingClient client;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.start(storage, Map.of());
        client = server.client();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void createThenGetReturnsEveryProperty() {
        Instant before = Instant.now().minusSeconds(1);
        CreateDatastoreResponse created = client.createDatastore(r -> r.datastoreName("brain-mri.v1/#2")
                .kmsKeyArn(KMS_KEY)
                .lambdaAuthorizerArn(LAMBDA)
                .losslessStorageFormat(LosslessStorageFormat.HTJ2_K)
                .tags(Map.of("project", "neuro")));
        assertThat(created.datastoreId()).matches("[0-9a-f]{32}");
        assertThat(created.datastoreStatus()).isEqualTo(DatastoreStatus.CREATING);

        DatastoreProperties properties =
                client.getDatastore(r -> r.datastoreId(created.datastoreId())).datastoreProperties();
        assertThat(properties.datastoreId()).isEqualTo(created.datastoreId());
        assertThat(properties.datastoreName()).isEqualTo("brain-mri.v1/#2");
        assertThat(properties.datastoreStatus()).isEqualTo(DatastoreStatus.ACTIVE);
        assertThat(properties.kmsKeyArn()).isEqualTo(KMS_KEY);
        assertThat(properties.lambdaAuthorizerArn()).isEqualTo(LAMBDA);
        assertThat(properties.losslessStorageFormat()).isEqualTo(LosslessStorageFormat.HTJ2_K);
        assertThat(properties.datastoreArn()).isEqualTo(server.datastoreArn(created.datastoreId()));
        assertThat(properties.createdAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(properties.updatedAt()).isEqualTo(properties.createdAt());
        assertThat(client.listTagsForResource(r -> r.resourceArn(properties.datastoreArn()))
                        .tags())
                .containsExactly(Map.entry("project", "neuro"));
    }

    @Test
    void aStoreWithoutOptionsIsNamedByItsIdAndStoresHtj2k() {
        String id = client.createDatastore(r -> {}).datastoreId();
        DatastoreProperties properties =
                client.getDatastore(r -> r.datastoreId(id)).datastoreProperties();
        assertThat(properties.datastoreName()).isEqualTo(id);
        assertThat(properties.losslessStorageFormat()).isEqualTo(LosslessStorageFormat.HTJ2_K);
        assertThat(properties.kmsKeyArn()).isNull();
        assertThat(properties.lambdaAuthorizerArn()).isNull();
    }

    @Test
    void aRetriedCreateWithTheSameClientTokenReturnsTheSameStore() {
        String first = client.createDatastore(r -> r.clientToken("retry-1").datastoreName("same"))
                .datastoreId();
        CreateDatastoreResponse again =
                client.createDatastore(r -> r.clientToken("retry-1").datastoreName("same"));
        assertThat(again.datastoreId()).isEqualTo(first);
        assertThat(again.datastoreStatus()).isEqualTo(DatastoreStatus.ACTIVE);
    }

    @Test
    void theSameClientTokenWithOtherParametersIsAConflict() {
        client.createDatastore(r -> r.clientToken("conflict-1").datastoreName("one"));
        assertThatThrownBy(() ->
                        client.createDatastore(r -> r.clientToken("conflict-1").datastoreName("two")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("conflict-1");
    }

    @Test
    void aStoreKeepsItsLosslessStorageFormatHtj2kByDefault() {
        String j2k = client.createDatastore(
                        r -> r.datastoreName("j2k").losslessStorageFormat(LosslessStorageFormat.JPEG_2000_LOSSLESS))
                .datastoreId();
        String htj2k = client.createDatastore(r -> r.datastoreName("htj2k")).datastoreId();
        assertThat(client.getDatastore(r -> r.datastoreId(j2k))
                        .datastoreProperties()
                        .losslessStorageFormat())
                .isEqualTo(LosslessStorageFormat.JPEG_2000_LOSSLESS);
        assertThat(client.getDatastore(r -> r.datastoreId(htj2k))
                        .datastoreProperties()
                        .losslessStorageFormat())
                .isEqualTo(LosslessStorageFormat.HTJ2_K);
    }

    @Test
    void listingFindsStoresNewestFirstAndFiltersByStatus() {
        String older =
                client.createDatastore(r -> r.datastoreName("list-older")).datastoreId();
        String newer =
                client.createDatastore(r -> r.datastoreName("list-newer")).datastoreId();
        String deleted =
                client.createDatastore(r -> r.datastoreName("list-deleted")).datastoreId();
        client.deleteDatastore(r -> r.datastoreId(deleted));

        var all = client.listDatastoresPaginator(r -> r.maxResults(50)).datastoreSummaries().stream()
                .map(DatastoreSummary::datastoreId)
                .toList();
        assertThat(all).containsSubsequence(deleted, newer, older);
        var active =
                client
                        .listDatastoresPaginator(r -> r.datastoreStatus(DatastoreStatus.ACTIVE))
                        .datastoreSummaries()
                        .stream()
                        .toList();
        assertThat(active)
                .extracting(DatastoreSummary::datastoreId)
                .contains(newer, older)
                .doesNotContain(deleted);
        assertThat(active).allSatisfy(summary -> {
            assertThat(summary.datastoreStatus()).isEqualTo(DatastoreStatus.ACTIVE);
            assertThat(summary.datastoreArn()).isEqualTo(server.datastoreArn(summary.datastoreId()));
            assertThat(summary.createdAt()).isNotNull();
        });
        var deletedOnly = client.listDatastores(r -> r.datastoreStatus(DatastoreStatus.DELETED))
                .datastoreSummaries();
        assertThat(deletedOnly)
                .extracting(DatastoreSummary::datastoreId)
                .contains(deleted)
                .doesNotContain(newer);
    }

    @Test
    void aDeletedStoreIsReportedDeletedAndCannotBeDeletedAgain() {
        String id = client.createDatastore(r -> r.datastoreName("to-delete")).datastoreId();
        var deleted = client.deleteDatastore(r -> r.datastoreId(id));
        assertThat(deleted.datastoreId()).isEqualTo(id);
        assertThat(deleted.datastoreStatus()).isEqualTo(DatastoreStatus.DELETING);

        DatastoreProperties properties =
                client.getDatastore(r -> r.datastoreId(id)).datastoreProperties();
        assertThat(properties.datastoreStatus()).isEqualTo(DatastoreStatus.DELETED);
        assertThat(properties.updatedAt()).isAfterOrEqualTo(properties.createdAt());
        assertThatThrownBy(() -> client.deleteDatastore(r -> r.datastoreId(id)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already DELETED");
    }

    @Test
    void unknownStoresAreNotFound() {
        String unknown = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> client.getDatastore(r -> r.datastoreId(unknown)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(unknown);
        assertThatThrownBy(() -> client.deleteDatastore(r -> r.datastoreId(unknown)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(unknown);
    }

    @Test
    void malformedIdsAndOutOfRangePageSizesAreValidationErrors() {
        assertThatThrownBy(() -> client.getDatastore(r -> r.datastoreId("NOT-AN-ID")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'datastoreId'");
        assertThatThrownBy(() -> client.listDatastores(r -> r.maxResults(51)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'maxResults'");
        assertThatThrownBy(() -> client.listDatastores(r -> r.nextToken("forged")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("nextToken");
    }

    @Test
    void theDatastoreQuotaIsEnforcedAndDeletedStoresDoNotCount() {
        try (TestServer small = TestServer.start(storage, Map.of("OPENAHI_MAX_DATASTORES", "2"));
                MedicalImagingClient limited = small.client()) {
            String first = limited.createDatastore(r -> {}).datastoreId();
            limited.createDatastore(r -> {});
            assertThatThrownBy(() -> limited.createDatastore(r -> {}))
                    .isInstanceOf(ServiceQuotaExceededException.class)
                    .hasMessageContaining("quota")
                    .satisfies(e -> assertThat(((ServiceQuotaExceededException) e).statusCode())
                            .isEqualTo(402));
            limited.deleteDatastore(r -> r.datastoreId(first));
            assertThat(limited.createDatastore(r -> {}).datastoreStatus()).isEqualTo(DatastoreStatus.CREATING);
        }
    }

    @Test
    void dataSurvivesARestart() {
        try (TestServer restarted = TestServer.start(storage, Map.of())) {
            String id;
            DatastoreProperties before;
            try (MedicalImagingClient c = restarted.client()) {
                id = c.createDatastore(r -> r.datastoreName("durable").tags(Map.of("k", "v")))
                        .datastoreId();
                before = c.getDatastore(r -> r.datastoreId(id)).datastoreProperties();
            }
            restarted.restart();
            try (MedicalImagingClient c = restarted.client()) {
                assertThat(c.getDatastore(r -> r.datastoreId(id)).datastoreProperties())
                        .isEqualTo(before);
                assertThat(c.listTagsForResource(r -> r.resourceArn(before.datastoreArn()))
                                .tags())
                        .containsExactly(Map.entry("k", "v"));
            }
        }
    }
}
