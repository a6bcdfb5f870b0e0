package org.openahi.dimse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLServerSocket;
import org.openahi.core.store.MetadataStore;
import org.openahi.dimse.ul.Association;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.dimse.ul.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOM listeners: plain TCP on {@link DimseSettings#port()} and, when configured, DICOM TLS on its own port.
 * Each connection is served as an association on a thread of its own; past the association limit a connection is
 * still read far enough to be rejected properly, and past twice the limit it is closed at once.
 */
public final class DimseServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DimseServer.class);

    private final DimseSettings settings;
    private final AssociationPolicy policy;
    private final DimseObserver observer;
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean closing;

    private DimseServer(
            DimseSettings settings,
            MetadataStore store,
            Function<String, MessageHandler> handlers,
            DimseObserver observer) {
        this.settings = settings;
        this.observer = observer;
        this.policy = new AssociationPolicy(
                settings,
                new DatastoreAeTitles(store, settings.aeTitles()),
                () -> active.get() > settings.maxAssociations(),
                handlers);
    }

    /**
     * Binds the listeners and starts accepting.
     *
     * @param handlers the handler of an association's requests, by the id of the data store its called AE names
     * @throws UncheckedIOException when a port cannot be bound
     */
    public static DimseServer start(
            DimseSettings settings,
            MetadataStore store,
            Function<String, MessageHandler> handlers,
            DimseObserver observer) {
        DimseServer server = new DimseServer(settings, store, handlers, observer);
        try {
            clearSpool(settings.spoolDirectory());
            InetAddress address = InetAddress.getByName(settings.bind());
            server.listen(new ServerSocket(settings.port(), 128, address), "dimse-listener");
            if (settings.tls().isPresent()) {
                DimseSettings.Tls tls = settings.tls().get();
                TlsContext context = TlsContext.load(tls);
                SSLServerSocket socket = (SSLServerSocket)
                        context.context().getServerSocketFactory().createServerSocket(tls.port(), 128, address);
                server.listen(context.configure(socket), "dimse-tls-listener");
            }
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("Cannot listen for DICOM on " + settings.bind() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Creates the spool directory, or empties it of what a process that was killed left there. */
    private static void clearSpool(Path directory) throws IOException {
        Files.createDirectories(directory);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} data sets a previous run left in {}", removed, directory);
        }
    }

    /** The plain listener's port. */
    public int port() {
        return listeners.get(0).getLocalPort();
    }

    /** The TLS listener's port, when there is one. */
    public Optional<Integer> tlsPort() {
        return listeners.size() > 1 ? Optional.of(listeners.get(1).getLocalPort()) : Optional.empty();
    }

    private void listen(ServerSocket socket, String name) {
        listeners.add(socket);
        Thread.ofPlatform().daemon().name(name).start(() -> acceptLoop(socket));
    }

    private void acceptLoop(ServerSocket listener) {
        while (!closing) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                if (!closing) {
                    LOG.error("DICOM listener on port {} failed: {}", listener.getLocalPort(), e.toString());
                }
                return;
            } catch (IOException e) {
                LOG.warn("DICOM listener on port {}: {}", listener.getLocalPort(), e.toString());
                continue;
            }
            if (active.incrementAndGet() > 2 * settings.maxAssociations()) {
                active.decrementAndGet();
                LOG.warn(
                        "DICOM connection from {} closed: {} connections already open",
                        socket.getRemoteSocketAddress(),
                        2 * settings.maxAssociations());
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            Thread.ofPlatform().daemon().name("dimse-association").start(() -> {
                try {
                    Association.serve(socket, settings.association(), policy, observer);
                } finally {
                    connections.remove(socket);
                    active.decrementAndGet();
                }
            });
        }
    }

    /** Stops listening and closes every connection (their associations end as aborted). */
    @Override
    public void close() {
        closing = true;
        listeners.forEach(DimseServer::closeQuietly);
        connections.forEach(DimseServer::closeQuietly);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }
}
