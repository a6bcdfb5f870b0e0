package org.openahi.store.s3;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openahi.core.blob.BlobStore;
import org.openahi.store.tck.BlobStoreContract;
import org.openahi.testing.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3Client;

class S3BlobStoreIT extends BlobStoreContract {
  private static S3ProxyServer s3proxy;
  private static S3Client s3;
  private static int buckets;

  @BeforeAll
  static void startS3() {
    s3proxy = S3ProxyServer.start();
    s3 = S3Clients.create(new S3Settings(Optional.of(s3proxy.endpoint()), S3ProxyServer.REGION,
        Optional.of(S3ProxyServer.ACCESS_KEY_ID), Optional.of(S3ProxyServer.SECRET_ACCESS_KEY), true));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
    s3proxy.close();
  }

  @Override
  protected BlobStore openStore() {
    String bucket = "blobs-" + ++buckets;
    s3.createBucket(r -> r.bucket(bucket));
    return new S3BlobStore(s3, bucket, "openahi/");
  }
}
