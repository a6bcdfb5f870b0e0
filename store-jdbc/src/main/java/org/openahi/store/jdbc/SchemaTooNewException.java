package org.openahi.store.jdbc;

/**
 * The database's schema was migrated by a newer openahi than this one: the node refuses to start rather than run
 * SQL written for a schema it does not know. Upgrade the node to the version the others run.
 */
public final class SchemaTooNewException extends RuntimeException {
    private final int databaseVersion;
    private final int knownVersion;

    SchemaTooNewException(int databaseVersion, String databaseMigration, int knownVersion, String knownMigration) {
        super(String.format(
                "The database's schema is at V%03d (%s), applied by a newer openahi, but this openahi knows "
                        + "migrations up to V%03d (%s): upgrade this node to the version the other nodes run; openahi never "
                        + "downgrades a schema",
                databaseVersion, databaseMigration, knownVersion, knownMigration));
        this.databaseVersion = databaseVersion;
        this.knownVersion = knownVersion;
    }

    public int databaseVersion() {
        return databaseVersion;
    }

    public int knownVersion() {
        return knownVersion;
    }
}
