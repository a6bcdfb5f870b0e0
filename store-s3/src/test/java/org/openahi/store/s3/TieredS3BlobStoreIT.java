package org.openahi.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.TieredBlobStore;
import org.openahi.store.tck.BlobStoreContract;

/** An archive location under another S3 prefix: the blob store contract holds, and blobs move there and back. */
class TieredS3BlobStoreIT extends BlobStoreContract {
    @RegisterExtension
    static final TestS3 s3 = new TestS3();

    private S3BlobStore primary;
    private S3BlobStore archive;

    @Override
    protected BlobStore openStore() {
        String bucket = s3.newBucket();
        primary = new S3BlobStore(s3.client(), bucket, "openahi/");
        archive = new S3BlobStore(s3.client(), bucket, "openahi-archive/");
        return new TieredBlobStore(primary, archive);
    }

    private static boolean holds(BlobStore location, String key) throws IOException {
        try (InputStream in = location.get(key)) {
            return true;
        } catch (BlobNotFoundException e) {
            return false;
        }
    }

    @Test
    void blobsMoveToTheArchivePrefixAndAreCopiedBackBitExact() throws IOException {
        byte[] content = new byte[300_001];
        new Random(7).nextBytes(content);
        store.put("frames/abcdef", new ByteArrayInputStream(content), content.length);
        TieredBlobStore tiered = (TieredBlobStore) store;

        assertThat(tiered.archive("frames/abcdef", () -> true)).isTrue();
        assertThat(holds(primary, "frames/abcdef")).isFalse();
        assertThat(holds(archive, "frames/abcdef")).isTrue();
        try (InputStream in = store.get("frames/abcdef")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(tiered.restore("frames/abcdef")).isTrue();
        assertThat(holds(primary, "frames/abcdef")).isTrue();
        try (InputStream in = primary.get("frames/abcdef")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }
}
