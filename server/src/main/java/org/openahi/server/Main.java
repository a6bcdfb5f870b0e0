package org.openahi.server;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.openahi.server.config.ServerConfig;
import org.openahi.store.jdbc.SchemaTooNewException;

/** `./openahi serve`: configuration from the environment, then the server until the process is stopped. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        avoidJettysMemoryProbe();
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("openahi: " + e.getMessage());
            System.exit(2);
            return;
        }
        OpenAhiServer server;
        try {
            server = OpenAhiServer.start(config);
        } catch (SchemaTooNewException e) {
            // An old node during a rolling upgrade: its operator needs the sentence, not a stack trace.
            System.err.println("openahi: " + e.getMessage());
            System.exit(3);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "openahi-shutdown"));
        System.out.print(StartBanner.render(config, server.port(), server.dimsePort(), sinceJvmStart()));
        System.out.flush();
        server.join();
    }

    /** The JVM's uptime (not the process's: the launcher execs the JVM in its own process, after building). */
    private static Duration sinceJvmStart() {
        return Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /**
     * Jetty sizes its padding by the references a cache line holds, and without this property asks the platform MBean
     * server whether oops are compressed: starting JMX costs an eighth of the start-up time. They are (4-byte
     * references, 16 per 64-byte line) below a 32 GB heap, HotSpot's default.
     */
    private static void avoidJettysMemoryProbe() {
        String property = "org.eclipse.jetty.util.referencesPerCacheLine";
        if (System.getProperty(property) == null) {
            boolean compressedOops = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024;
            System.setProperty(property, compressedOops ? "16" : "8");
        }
    }
}
