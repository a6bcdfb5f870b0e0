package org.openahi.conformance;

import java.util.Optional;
import org.openahi.store.s3.S3Clients;
import org.openahi.store.s3.S3Settings;
import org.openahi.testing.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3Client;

/** An S3 client of an s3proxy the tests started, and buckets made on it. */
final class S3Proxies {
    private S3Proxies() {}

    /** A client signed with the s3proxy's credentials; the caller closes it. */
    static S3Client client(S3ProxyServer s3proxy) {
        return S3Clients.create(new S3Settings(
                Optional.of(s3proxy.endpoint()),
                S3ProxyServer.REGION,
                Optional.of(S3ProxyServer.ACCESS_KEY_ID),
                Optional.of(S3ProxyServer.SECRET_ACCESS_KEY),
                true));
    }

    static void createBuckets(S3ProxyServer s3proxy, String... buckets) {
        try (S3Client client = client(s3proxy)) {
            for (String bucket : buckets) {
                client.createBucket(r -> r.bucket(bucket));
            }
        }
    }
}
