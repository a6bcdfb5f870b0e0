package org.openahi.store.s3;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openahi.core.blob.BlobStore;
import org.openahi.store.tck.BlobStoreContract;

class S3BlobStoreIT extends BlobStoreContract {
    @RegisterExtension
    static final TestS3 s3 = new TestS3();

    @Override
    protected BlobStore openStore() {
        return new S3BlobStore(s3.client(), s3.newBucket(), "openahi/");
    }
}
