package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.server.OpenAhiServer;
import org.openahi.server.config.ServerConfig;

/**
 * A server whose HTTP port is taken does not start, and leaves nothing of what it had started running: the
 * background workers, the pools and the fold are stopped again (they start before the front doors).
 */
class TakenPortIT {
    /** The threads the server's background work runs on, by name. */
    private static final List<String> BACKGROUND_THREADS = List.of(
            "openahi-import-",
            "openahi-imageset-",
            "openahi-fold",
            "openahi-maintenance",
            "openahi-stow-worker-",
            "openahi-dimse-worker-");

    @Test
    void aTakenPortStopsWhatHadStarted(@TempDir Path dataDirectory) throws Exception {
        Set<Thread> before = backgroundThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                    "OPENAHI_BIND",
                    "127.0.0.1",
                    "OPENAHI_PORT",
                    Integer.toString(taken.getLocalPort()),
                    "OPENAHI_DIMSE_PORT",
                    "0",
                    "OPENAHI_DATA_DIR",
                    dataDirectory.toString(),
                    "OPENAHI_DATABASE_URL",
                    Backend.SQLITE.freshDatabaseUrl(dataDirectory),
                    "OPENAHI_ACCESS_KEY_ID",
                    TestServer.ACCESS_KEY_ID,
                    "OPENAHI_SECRET_ACCESS_KEY",
                    TestServer.SECRET_ACCESS_KEY));

            assertThatThrownBy(() -> OpenAhiServer.start(config))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }

        // Only the threads this start made: a server another test left running is not this one's to judge.
        List<Thread> left = backgroundThreads().stream()
                .filter(thread -> !before.contains(thread))
                .toList();
        // Pools stopped with shutdownNow end their threads once each sees the interrupt; wait for that, boundedly.
        for (Thread thread : left) {
            thread.join(Duration.ofSeconds(30));
        }
        assertThat(left).noneMatch(Thread::isAlive);
    }

    @Test
    void theServerStartsWhenThePortIsFree(@TempDir Path dataDirectory) throws IOException {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "OPENAHI_PORT",
                "0",
                "OPENAHI_DIMSE_PORT",
                "0",
                "OPENAHI_DATA_DIR",
                dataDirectory.toString(),
                "OPENAHI_DATABASE_URL",
                Backend.SQLITE.freshDatabaseUrl(dataDirectory),
                "OPENAHI_ACCESS_KEY_ID",
                TestServer.ACCESS_KEY_ID,
                "OPENAHI_SECRET_ACCESS_KEY",
                TestServer.SECRET_ACCESS_KEY));
        try (OpenAhiServer server = OpenAhiServer.start(config)) {
            assertThat(server.port()).isPositive();
            assertThat(Thread.getAllStackTraces().keySet())
                    .anyMatch(thread -> thread.getName().startsWith("openahi-fold"));
        }
    }

    private static Set<Thread> backgroundThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> BACKGROUND_THREADS.stream().anyMatch(thread.getName()::startsWith))
                .collect(Collectors.toSet());
    }
}
