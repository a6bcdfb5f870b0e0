package org.openahi.store.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client every S3 adapter uses. Its retry policy is set here rather than left to the JVM's
 * {@code aws.maxAttempts} / {@code AWS_MAX_ATTEMPTS}: a client of openahi configured not to retry (as our own
 * tests are) must not turn off the retries our storage relies on when a pooled connection was closed by the server.
 */
public final class S3Clients {
    private static final int MAX_ATTEMPTS = 4;

    private S3Clients() {}

    public static S3Client create(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get(), settings.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
