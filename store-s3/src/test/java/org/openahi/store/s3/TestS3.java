package org.openahi.store.s3;

import java.util.Optional;
import org.openahi.testing.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3Client;

/** An s3proxy server and a client of it, shared by a test class; each test makes a bucket of its own. */
final class TestS3 implements AutoCloseable {
  private final S3ProxyServer server = S3ProxyServer.start();
  private final S3Client client = S3Clients.create(new S3Settings(Optional.of(server.endpoint()),
      S3ProxyServer.REGION, Optional.of(S3ProxyServer.ACCESS_KEY_ID), Optional.of(S3ProxyServer.SECRET_ACCESS_KEY),
      true));
  private int buckets;

  S3Client client() {
    return client;
  }

  /** A new, empty bucket's name. */
  String newBucket() {
    String bucket = "test-" + ++buckets;
    client.createBucket(r -> r.bucket(bucket));
    return bucket;
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
