package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openahi.testing.EmbeddedPostgres;
import org.openahi.testing.S3ProxyServer;

/**
 * Liveness and readiness of a node on PostgreSQL and S3, each of its own so the test may stop them: readiness answers
 * DOWN, naming the dependency, on the first request after PostgreSQL or the S3 server stopped (each check waits at
 * most 2 s), liveness stays UP, and readiness comes back UP once they are back.
 */
class HealthIT {
    /** Far beyond the 30 s a hung database check may take to give up once the database is back. */
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private static EmbeddedPostgres postgres;
    private static S3ProxyServer s3;
    private static TestServer server;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgres.startOwn();
        s3 = S3ProxyServer.start();
        S3Proxies.createBuckets(s3, "health");
        server = TestServer.start(
                Backend.POSTGRESQL,
                Map.of(
                        "OPENAHI_DATABASE_URL",
                        postgres.createDatabase(),
                        "OPENAHI_S3_ENDPOINT",
                        s3.endpoint().toString(),
                        "OPENAHI_S3_ACCESS_KEY_ID",
                        S3ProxyServer.ACCESS_KEY_ID,
                        "OPENAHI_S3_SECRET_ACCESS_KEY",
                        S3ProxyServer.SECRET_ACCESS_KEY,
                        "OPENAHI_BLOB_STORE",
                        "s3://health/store",
                        "OPENAHI_NODE_NAME",
                        "node-a"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void liveAndReadyNameTheNodeAndItsVersion() throws Exception {
        awaitReady();
        RawHttp.Response live = get("/_openahi/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("UP");
        assertThat(live.json().path("node").asText()).isEqualTo("node-a");
        assertThat(live.json().path("version").asText()).isNotEmpty();

        RawHttp.Response ready = get("/_openahi/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("node").asText()).isEqualTo("node-a");
        assertThat(ready.json().path("checks").path("database").asText()).isEqualTo("UP");
        assertThat(ready.json().path("checks").path("blobStore").asText()).isEqualTo("UP");
        // The path load balancers were given before: it answers as readiness.
        assertThat(get("/_openahi/health")
                        .json()
                        .path("checks")
                        .path("database")
                        .asText())
                .isEqualTo("UP");
    }

    @Test
    void readinessIsDownWhilePostgresqlIsStoppedAndUpWhenItIsBack() throws Exception {
        awaitReady();
        postgres.stop();
        try {
            JsonNode down = firstAnswerAfterStop("database");
            assertThat(down.path("checks").path("blobStore").asText()).isEqualTo("UP");
            assertThat(get("/_openahi/health/live").status()).isEqualTo(200);
        } finally {
            postgres.restart();
        }
        awaitReady();
    }

    @Test
    void readinessIsDownWhileTheS3ServerIsStoppedAndUpWhenItIsBack() throws Exception {
        awaitReady();
        s3.stop();
        try {
            JsonNode down = firstAnswerAfterStop("blobStore");
            assertThat(down.path("checks").path("database").asText()).isEqualTo("UP");
            assertThat(get("/_openahi/health/live").status()).isEqualTo(200);
        } finally {
            s3.restart();
        }
        awaitReady();
    }

    /** The first readiness answer after a dependency stopped: DOWN, naming it. */
    private static JsonNode firstAnswerAfterStop(String dependency) {
        long started = System.nanoTime();
        RawHttp.Response ready = get("/_openahi/health/ready");
        System.out.printf(
                "readiness answered %d in %d ms after %s stopped: %s%n",
                ready.status(), (System.nanoTime() - started) / 1_000_000, dependency, ready.json());
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(ready.json().path("checks").path(dependency).asText()).startsWith("DOWN");
        return ready.json();
    }

    private static void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        RawHttp.Response ready = get("/_openahi/health/ready");
        while (ready.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            ready = get("/_openahi/health/ready");
        }
        assertThat(ready.status()).as("readiness %s", ready.json()).isEqualTo(200);
    }

    private static RawHttp.Response get(String path) {
        return RawHttp.send(server.port(), "GET", path, Map.of(), new byte[0]);
    }
}
