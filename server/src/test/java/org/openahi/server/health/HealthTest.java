package org.openahi.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHungDependencyMakesTheNodeDownWithoutHangingTheRequestAndIsCheckedOnceUntilItAnswers() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        AtomicInteger blobChecks = new AtomicInteger();
        Map<String, Health.Check> checks = new LinkedHashMap<>();
        checks.put("database", () -> {});
        checks.put("blobStore", () -> {
            blobChecks.incrementAndGet();
            hung.await();
        });
        try (Health health = new Health("node-a", "1.2.3", checks)) {
            for (int poll = 0; poll < 2; poll++) {
                Health.Answer ready = health.ready();
                assertThat(ready.up()).isFalse();
                JsonNode body = JSON.readTree(ready.json());
                assertThat(body.path("status").asText()).isEqualTo("DOWN");
                assertThat(body.path("checks").path("database").asText()).isEqualTo("UP");
                assertThat(body.path("checks").path("blobStore").asText()).isEqualTo("DOWN: no answer within 2 s");
            }
            assertThat(blobChecks)
                    .as("checks started while the first still hangs")
                    .hasValue(1);
            assertThat(health.live().up()).isTrue();

            hung.countDown();
            Health.Answer ready = health.ready();
            assertThat(ready.up()).isTrue();
            assertThat(JSON.readTree(ready.json())
                            .path("checks")
                            .path("blobStore")
                            .asText())
                    .isEqualTo("UP");
        }
    }

    @Test
    void aFailingDependencyIsNamedWithItsError() throws Exception {
        Map<String, Health.Check> checks = Map.of("database", () -> {
            throw new IOException("connection refused");
        });
        try (Health health = new Health("node-b", "1.2.3", checks)) {
            JsonNode body = JSON.readTree(health.ready().json());
            assertThat(body.path("checks").path("database").asText())
                    .isEqualTo("DOWN: java.io.IOException: connection refused");
            JsonNode live = JSON.readTree(health.live().json());
            assertThat(live.path("status").asText()).isEqualTo("UP");
            assertThat(live.path("node").asText()).isEqualTo("node-b");
            assertThat(live.path("version").asText()).isEqualTo("1.2.3");
        }
    }
}
