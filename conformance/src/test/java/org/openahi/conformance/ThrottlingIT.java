package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ThrottlingException;

/**
 * Throttling (issue 17): AHI's rates as the {@code aws} profile, with GetDatastore and SearchDICOMStudies narrowed to
 * one request per second so a burst above the bucket is certain: 429 ThrottlingException, which the SDK retries until
 * the bucket has a token again; DICOMweb throttled alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThrottlingIT {
    private TestServer server;
    private String datastoreId;

    @BeforeAll
    void start() {
        server = TestServer.start(
                Backend.SQLITE,
                Map.of(
                        "OPENAHI_THROTTLING",
                        "aws",
                        "OPENAHI_THROTTLING_OVERRIDES",
                        "GetDatastore=1/1,SearchDICOMStudies=1/1"));
        try (MedicalImagingClient client = server.client()) {
            datastoreId =
                    client.createDatastore(r -> r.datastoreName("throttled")).datastoreId();
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aBurstAboveTheBucketIsAThrottlingExceptionAndTheSdksRetrySucceeds() {
        try (MedicalImagingClient noRetry = server.client()) {
            noRetry.getDatastore(r -> r.datastoreId(datastoreId));
            assertThatThrownBy(() -> noRetry.getDatastore(r -> r.datastoreId(datastoreId)))
                    .isInstanceOfSatisfying(ThrottlingException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(429);
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorMessage()).contains("Rate exceeded for GetDatastore");
                    });
        }
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        ExecutionInterceptor seen = new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                statuses.add(context.httpResponse().statusCode());
            }
        };
        try (MedicalImagingClient retrying =
                server.client(builder -> builder.overrideConfiguration(o -> o.addExecutionInterceptor(seen)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(20)
                                .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(200)))
                                .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(200)))
                                .build())))) {
            assertThat(retrying.getDatastore(r -> r.datastoreId(datastoreId))
                            .datastoreProperties()
                            .datastoreId())
                    .isEqualTo(datastoreId);
        }
        assertThat(statuses)
                .as("the SDK was throttled, then its retry went through")
                .contains(429)
                .last()
                .isEqualTo(200);
    }

    @Test
    void dicomWebIsThrottledWithTheSameErrorShape() {
        RawHttp.Request search = new RawHttp.Request(server).path("/datastore/" + datastoreId + "/studies");
        assertThat(search.send(server).status()).isIn(200, 204);
        RawHttp.Response throttled = search.send(server);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorType()).isEqualTo("ThrottlingException");
        assertThat(throttled.message()).contains("Rate exceeded for SearchDICOMStudies");
    }

    @Test
    void anotherActionOfTheSameCallerIsNotThrottled() {
        try (MedicalImagingClient client = server.client()) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.listDatastores(r -> {}).datastoreSummaries()).isNotEmpty();
            }
        }
    }
}
