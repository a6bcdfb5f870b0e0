package org.openahi.bench.api;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * The credentials and region the benchmarks use (the server's development defaults unless the environment
 * names others: OPENAHI_ACCESS_KEY_ID, OPENAHI_SECRET_ACCESS_KEY, OPENAHI_REGION), and an AWS SDK client for
 * setting up data.
 */
public final class BenchClients {
    private BenchClients() {}

    static AwsBasicCredentials credentials() {
        return AwsBasicCredentials.create(
                System.getenv().getOrDefault("OPENAHI_ACCESS_KEY_ID", "openahi"),
                System.getenv().getOrDefault("OPENAHI_SECRET_ACCESS_KEY", "openahi-dev-secret"));
    }

    static String region() {
        return System.getenv().getOrDefault("OPENAHI_REGION", "us-east-1");
    }

    /** An SDK client for the server at {@code endpoint}; AHI's "runtime-" host prefix is not added. */
    public static MedicalImagingClient medicalImaging(URI endpoint) {
        return MedicalImagingClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials()))
                .overrideConfiguration(
                        o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }
}
