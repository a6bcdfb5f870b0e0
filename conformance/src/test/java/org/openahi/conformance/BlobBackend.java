package org.openahi.conformance;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openahi.testing.S3ProxyServer;

/** The blob stores the server runs on; each test server gets an empty one. */
enum BlobBackend {
    /** Files under the server's data directory (the default). */
    FILESYSTEM {
        @Override
        Map<String, String> freshStore() {
            return Map.of();
        }
    },
    /** A bucket of its own on the JVM's shared s3proxy. */
    S3 {
        @Override
        Map<String, String> freshStore() {
            S3ProxyServer s3proxy = S3ProxyServer.shared();
            String bucket = "blobs-" + BUCKETS.incrementAndGet();
            S3Proxies.createBuckets(s3proxy, bucket);
            return Map.of(
                    "OPENAHI_S3_ENDPOINT",
                    s3proxy.endpoint().toString(),
                    "OPENAHI_S3_ACCESS_KEY_ID",
                    S3ProxyServer.ACCESS_KEY_ID,
                    "OPENAHI_S3_SECRET_ACCESS_KEY",
                    S3ProxyServer.SECRET_ACCESS_KEY,
                    "OPENAHI_BLOB_STORE",
                    "s3://" + bucket + "/store");
        }
    };

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    /** The OPENAHI_* variables of a new, empty store. */
    abstract Map<String, String> freshStore();
}
