package org.openahi.store.s3;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openahi.core.importing.ImportStorage;
import org.openahi.store.tck.ImportStorageContract;
import software.amazon.awssdk.core.sync.RequestBody;

class S3ImportStorageIT extends ImportStorageContract {
    @RegisterExtension
    static final TestS3 s3 = new TestS3();

    @Override
    protected ImportStorage openStorage() {
        return new S3ImportStorage(s3::client);
    }

    @Override
    protected String newFolder() {
        return "s3://" + s3.newBucket() + "/in/";
    }

    @Override
    protected void putInput(String folderUri, String relativePath, byte[] content) {
        S3ImportStorage.Location location = S3ImportStorage.Location.of(folderUri);
        s3.client()
                .putObject(
                        r -> r.bucket(location.bucket()).key(location.folderPrefix() + relativePath),
                        RequestBody.fromBytes(content));
    }
}
