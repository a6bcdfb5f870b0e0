package org.openahi.server.jetty;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openahi.core.pixels.CodecThreads;
import org.openahi.server.aws.AwsApi;
import org.openahi.server.browser.BrowserFrontDoor;
import org.openahi.server.dicomweb.DicomWebApi;
import org.openahi.server.health.Health;
import org.openahi.server.http.Extension;
import org.openahi.server.metrics.Metrics;

/**
 * Jetty serving the AHI API and DICOMweb on one port. Paths are routed raw (so an encoded '/' inside an ARN label
 * stays inside it); Jetty's own error pages are AWS-shaped JSON; stopping lets requests in flight finish.
 */
public final class HttpFrontDoor {
    private static final long STOP_TIMEOUT_MILLIS = 30_000;
    private static final int REQUEST_HEADER_BYTES = 64 * 1024;

    private final Server server;
    private final int port;

    private HttpFrontDoor(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** How much request bodies may take: API bodies in memory, STOW-RS bodies on disk (each and all at once). */
    public record BodyLimits(long maxRequestBytes, long maxStoreBytes, int maxConcurrentStores, long maxSpooledBytes) {}

    /**
     * @param stowSpool the folder STOW-RS bodies are spooled to (emptied now)
     * @param metrics the node's metrics, which {@code /_openahi/metrics} serves and the request metrics join
     * @param browser CORS, sign-in sessions and pages (docs/browser.md)
     * @param extensions openahi's signed operations under {@code /_openahi/}
     */
    public static HttpFrontDoor start(
            String bind,
            int port,
            AwsApi api,
            DicomWebApi dicomWeb,
            Health health,
            BodyLimits limits,
            Path stowSpool,
            Metrics metrics,
            BrowserFrontDoor browser,
            List<Extension> extensions) {
        // Requests run on platform threads, which the operating system shares fairly between the cores. On virtual
        // threads (as many carriers as cores), single requests at 32 connections waited 0.5-3 s while the others flowed
        // (docs/benchmarks.md). Frames are coded on CodecThreads' coders all the same.
        QueuedThreadPool threads = new QueuedThreadPool() {
            @Override
            public Thread newThread(Runnable runnable) {
                return super.newThread(CodecThreads.handingOffCoding(runnable));
            }
        };
        threads.setName("openahi-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true); // SDKs correct their clock skew from it
        http.setUriCompliance(UriCompliance.LEGACY);
        // A query may carry a nextToken of the model's maximum length, 8192 characters.
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new RootHandler(
                api,
                dicomWeb,
                new RequestMetrics(metrics),
                health,
                limits.maxRequestBytes(),
                new BodySpool(stowSpool, limits.maxStoreBytes()),
                new SpoolBudget(limits.maxConcurrentStores(), limits.maxSpooledBytes()),
                browser,
                extensions)));
        server.setErrorHandler(new AwsErrorPages());
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        return new HttpFrontDoor(server, connector.getLocalPort());
    }

    public int port() {
        return port;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop cleanly", e);
        }
    }
}
