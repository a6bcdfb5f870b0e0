package org.openahi.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.openahi.core.importing.ImportStorage;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Import input and output in S3 (or an S3-compatible service): {@code s3://bucket/prefix/}. The client is asked for
 * only when a job reads or writes S3, so a server that never imports from S3 never builds one (it costs a third of
 * the start-up time).
 */
public final class S3ImportStorage implements ImportStorage {
    private final Supplier<S3Client> s3;

    public S3ImportStorage(Supplier<S3Client> s3) {
        this.s3 = s3;
    }

    record Location(String bucket, String prefix) {
        static Location of(String uri) {
            String rest = uri.substring("s3://".length());
            int slash = rest.indexOf('/');
            return slash < 0
                    ? new Location(rest, "")
                    : new Location(rest.substring(0, slash), rest.substring(slash + 1));
        }

        String folderPrefix() {
            return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        }
    }

    @Override
    public boolean serves(String uri) {
        return uri.startsWith("s3://");
    }

    @Override
    public void checkAllowed(String uri) {
        // The model's S3Uri pattern has already been checked; access is checked when the job runs.
    }

    @Override
    public List<InputObject> list(String folderUri) throws IOException {
        Location location = Location.of(folderUri);
        try {
            return s3
                    .get()
                    .listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(location.folderPrefix()))
                    .contents()
                    .stream()
                    .filter(object -> !object.key().endsWith("/"))
                    .map(object -> new InputObject(
                            "s3://" + location.bucket() + "/" + object.key(), object.key(), object.size()))
                    .sorted(Comparator.comparing(InputObject::key))
                    .toList();
        } catch (SdkException e) {
            throw S3Failures.describe("Cannot list " + folderUri, e);
        }
    }

    @Override
    public InputStream open(InputObject object) throws IOException {
        Location location = Location.of(object.uri());
        try {
            return s3.get().getObject(r -> r.bucket(location.bucket()).key(location.prefix()));
        } catch (SdkException e) {
            throw S3Failures.describe("Cannot read " + object.uri(), e);
        }
    }

    @Override
    public void write(String folderUri, String name, byte[] content) throws IOException {
        Location location = Location.of(folderUri);
        try {
            s3.get()
                    .putObject(
                            r -> r.bucket(location.bucket()).key(location.folderPrefix() + name),
                            RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw S3Failures.describe("Cannot write " + name + " to " + folderUri, e);
        }
    }

    @Override
    public void write(String folderUri, String name, java.nio.file.Path content) throws IOException {
        Location location = Location.of(folderUri);
        try {
            s3.get()
                    .putObject(
                            r -> r.bucket(location.bucket()).key(location.folderPrefix() + name),
                            RequestBody.fromFile(content));
        } catch (SdkException e) {
            throw S3Failures.describe("Cannot write " + name + " to " + folderUri, e);
        }
    }
}
