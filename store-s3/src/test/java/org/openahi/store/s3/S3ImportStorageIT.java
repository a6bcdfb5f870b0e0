package org.openahi.store.s3;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openahi.core.importing.ImportStorage;
import org.openahi.store.tck.ImportStorageContract;
import org.openahi.testing.S3ProxyServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3ImportStorageIT extends ImportStorageContract {
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
  protected ImportStorage openStorage() {
    return new S3ImportStorage(() -> s3);
  }

  @Override
  protected String newFolder() {
    String bucket = "imports-" + ++buckets;
    s3.createBucket(r -> r.bucket(bucket));
    return "s3://" + bucket + "/in/";
  }

  @Override
  protected void putInput(String folderUri, String relativePath, byte[] content) {
    S3ImportStorage.Location location = S3ImportStorage.Location.of(folderUri);
    s3.putObject(r -> r.bucket(location.bucket()).key(location.folderPrefix() + relativePath),
        RequestBody.fromBytes(content));
  }
}
