package org.openahi.store.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the S3 client every S3 adapter uses. */
public final class S3Clients {
  private S3Clients() {
  }

  public static S3Client create(S3Settings settings) {
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(settings.region()))
        .forcePathStyle(settings.pathStyle())
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64));
    settings.endpoint().ifPresent(builder::endpointOverride);
    if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
      builder.credentialsProvider(StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get())));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }
}
