package org.openahi.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects under {@code s3://bucket/prefix/}. A PutObject is atomic and durable once acknowledged,
 * which is what the port asks; keys need no fan-out on S3.
 */
public final class S3BlobStore implements BlobStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** @param prefix a key prefix without leading slash, empty or ending in '/' */
    public S3BlobStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        try {
            s3.putObject(
                    r -> r.bucket(bucket).key(prefix + key).contentLength(length),
                    RequestBody.fromInputStream(content, length));
        } catch (IllegalStateException e) { // the SDK reports a short stream as IllegalStateException
            throw new IOException("Cannot write blob " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw S3Failures.describe("Cannot write blob " + key + " to s3://" + bucket + "/" + prefix, e);
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(prefix + key));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (SdkException e) {
            throw S3Failures.describe("Cannot read blob " + key + " from s3://" + bucket + "/" + prefix, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw S3Failures.describe("Cannot delete blob " + key, e);
        }
    }

    @Override
    public Stream<BlobInfo> list(String keyPrefix) throws IOException {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix + keyPrefix)).contents().stream()
                    .map(this::info);
        } catch (SdkException e) {
            throw S3Failures.describe("Cannot list s3://" + bucket + "/" + prefix, e);
        }
    }

    private BlobInfo info(S3Object object) {
        return new BlobInfo(object.key().substring(prefix.length()), object.size(), object.lastModified());
    }

    @Override
    public void close() {
        // The S3 client belongs to the caller.
    }
}
