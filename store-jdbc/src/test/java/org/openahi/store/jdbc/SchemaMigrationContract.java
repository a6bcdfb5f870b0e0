package org.openahi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Schema migrations as several nodes see them: started at once on an empty database, upgraded from any earlier schema,
 * and an old node meeting a newer schema. Each store opened here has its own pools, as a separate node would.
 */
abstract class SchemaMigrationContract {
    protected static final int NODES = 4;

    /** A new empty database. */
    protected abstract String newDatabaseUrl();

    /** The schema as the database describes it (tables, columns, indexes), to compare two databases. */
    protected abstract List<String> schema(Connection connection) throws SQLException;

    protected static JdbcSettings settings(String url) {
        return new JdbcSettings(url, Optional.empty(), Optional.empty(), JdbcSettings.Pool.DEFAULT.sized(2));
    }

    /** Opens {@code NODES} stores on one empty database at once; returns their failures, if any. */
    protected final List<Throwable> openAtOnce(String url) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(NODES);
        List<Throwable> failures = new ArrayList<>();
        try {
            List<Future<JdbcMetadataStore>> opened = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                opened.add(nodes.submit(() -> {
                    go.await();
                    return JdbcMetadataStore.open(settings(url));
                }));
            }
            go.countDown();
            List<JdbcMetadataStore> stores = new ArrayList<>();
            for (Future<JdbcMetadataStore> store : opened) {
                try {
                    stores.add(store.get());
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            stores.forEach(JdbcMetadataStore::close);
        } finally {
            nodes.shutdownNow();
        }
        return failures;
    }

    /** The versions recorded in {@code openahi_schema}, each with its migration. */
    protected static List<String> appliedMigrations(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT version, description FROM openahi_schema ORDER BY version")) {
            List<String> applied = new ArrayList<>();
            while (rows.next()) {
                applied.add(rows.getInt(1) + " " + rows.getString(2));
            }
            return applied;
        }
    }

    /** What {@link #appliedMigrations} holds after this build migrated a database once. */
    protected static List<String> everyMigrationOnce() {
        List<String> all = Migrator.all();
        return IntStream.rangeClosed(1, all.size())
                .mapToObj(v -> v + " " + all.get(v - 1))
                .toList();
    }

    @Test
    void anOlderNodeRefusesASchemaMigratedByANewerOne() {
        String url = newDatabaseUrl();
        List<String> all = Migrator.all();
        JdbcMetadataStore.open(settings(url)).close();
        List<String> older = all.subList(0, all.size() - 2);

        assertThatThrownBy(() -> JdbcMetadataStore.open(settings(url), older))
                .isInstanceOfSatisfying(SchemaTooNewException.class, e -> {
                    assertThat(e.databaseVersion()).isEqualTo(all.size());
                    assertThat(e.knownVersion()).isEqualTo(all.size() - 2);
                })
                .hasMessageContaining(String.format("at V%03d (%s)", all.size(), all.getLast()))
                .hasMessageContaining(String.format("up to V%03d (%s)", all.size() - 2, older.getLast()));
        // The refusal changed nothing: the current build still opens the database.
        JdbcMetadataStore.open(settings(url)).close();
    }

    @Test
    void everyEarlierSchemaMigratesToTheSameSchemaAsAFreshDatabase() throws Exception {
        String fresh = newDatabaseUrl();
        JdbcMetadataStore.open(settings(fresh)).close();
        List<String> expected;
        try (Connection connection = DriverManager.getConnection(fresh)) {
            expected = schema(connection);
        }
        assertThat(expected).isNotEmpty();
        List<String> all = Migrator.all();
        for (int version = 1; version < all.size(); version++) {
            String url = newDatabaseUrl();
            JdbcMetadataStore.open(settings(url), all.subList(0, version)).close();
            try (JdbcMetadataStore store = JdbcMetadataStore.open(settings(url))) {
                // The upgraded store answers a write and a read of the newest schema.
                store.write(tx -> tx.datastores().countNotDeleted());
                store.read(tx -> tx.datastores().find("absent"));
            }
            try (Connection connection = DriverManager.getConnection(url)) {
                assertThat(schema(connection))
                        .as("schema upgraded from V%03d", version)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void leasesHeldBeforeTheLeaseTableCarryOverAndAreTakenOverWhenTheyRunOut() throws Exception {
        String url = newDatabaseUrl();
        List<String> all = Migrator.all();
        int leaseTable = all.indexOf("V013__leases.sql");
        JdbcMetadataStore.open(settings(url), all.subList(0, leaseTable)).close();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO datastore (id, name, status, lossless_storage_format, created_at, "
                    + "updated_at) VALUES ('ds', 'd', 'ACTIVE', 'HTJ2K', 1, 1)");
            statement.executeUpdate("INSERT INTO import_job (id, datastore_id, name, status, data_access_role_arn, "
                    + "input_uri, output_uri, submitted_at, attempts, outputs_pending, files_scanned, files_imported, "
                    + "files_failed, owner, lease_expires_at) VALUES ('held', 'ds', 'n', 'IN_PROGRESS', 'arn', "
                    + "'s3://in/', 's3://out/', 1, 1, 0, 0, 0, 0, 'node-old', 5000)");
            statement.executeUpdate("INSERT INTO import_job (id, datastore_id, name, status, data_access_role_arn, "
                    + "input_uri, output_uri, submitted_at, attempts, outputs_pending, files_scanned, files_imported, "
                    + "files_failed) VALUES ('waiting', 'ds', 'n', 'SUBMITTED', 'arn', 's3://in/', 's3://out/', 2, 0, "
                    + "0, 0, 0, 0)");
        }
        try (JdbcMetadataStore store = JdbcMetadataStore.open(settings(url))) {
            assertThat(store.<List<String>>read(tx -> tx.leases().claimable("import", Instant.ofEpochMilli(5000), 10)))
                    .isEmpty();
            assertThat(store.<List<String>>read(tx -> tx.leases().claimable("import", Instant.ofEpochMilli(5001), 10)))
                    .containsExactly("held");
            assertThat(store.<List<String>>read(tx -> tx.importJobs().submitted(10)))
                    .containsExactly("waiting");
            assertThat(store.<OptionalLong>write(tx -> tx.leases()
                            .claim(
                                    "import",
                                    "held",
                                    "node-new",
                                    Instant.ofEpochMilli(5001),
                                    Instant.ofEpochMilli(9000))))
                    .hasValue(2);
        }
    }
}
