package org.openahi.store.s3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openahi.core.blob.BlobStore;
import org.openahi.store.tck.BlobStoreContract;

class S3BlobStoreIT extends BlobStoreContract {
  private static TestS3 s3;

  @BeforeAll
  static void startS3() {
    s3 = new TestS3();
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Override
  protected BlobStore openStore() {
    return new S3BlobStore(s3.client(), s3.newBucket(), "openahi/");
  }
}
