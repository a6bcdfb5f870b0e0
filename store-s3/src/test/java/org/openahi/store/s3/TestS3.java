package org.openahi.store.s3;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openahi.testing.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An s3proxy server and a client of it for a test class ({@code @RegisterExtension static}): started before its
 * tests, stopped after them; each test makes a bucket of its own.
 */
final class TestS3 implements BeforeAllCallback, AfterAllCallback {
    private S3ProxyServer server;
    private S3Client client;
    private int buckets;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = S3ProxyServer.start();
        client = S3Clients.create(new S3Settings(
                Optional.of(server.endpoint()),
                S3ProxyServer.REGION,
                Optional.of(S3ProxyServer.ACCESS_KEY_ID),
                Optional.of(S3ProxyServer.SECRET_ACCESS_KEY),
                true));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.close();
    }

    S3Client client() {
        return client;
    }

    /** A new, empty bucket's name. */
    String newBucket() {
        String bucket = "test-" + ++buckets;
        client.createBucket(r -> r.bucket(bucket));
        return bucket;
    }
}
