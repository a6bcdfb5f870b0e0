package org.openahi.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreRepository;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.page.Cursor;

final class JdbcDatastoreRepository implements DatastoreRepository {
    private static final String COLUMNS =
            "id, name, status, kms_key_arn, lambda_authorizer_arn, lossless_storage_format, created_at, updated_at";

    private final Sql sql;

    JdbcDatastoreRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Datastore d) {
        sql.update(
                "INSERT INTO datastore (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                d.id(),
                d.name(),
                d.status().name(),
                d.kmsKeyArn().orElse(null),
                d.lambdaAuthorizerArn().orElse(null),
                d.losslessStorageFormat().name(),
                d.createdAt().toEpochMilli(),
                d.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<Datastore> find(String id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM datastore WHERE id = ?", JdbcDatastoreRepository::map, id);
    }

    @Override
    public List<Datastore> listNewestFirst(Optional<DatastoreStatus> status, Optional<Cursor> after, int limit) {
        StringBuilder query = new StringBuilder("SELECT " + COLUMNS + " FROM datastore WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        status.ifPresent(s -> {
            query.append(" AND status = ?");
            parameters.add(s.name());
        });
        after.ifPresent(cursor -> {
            query.append(" AND (created_at, id) < (?, ?)");
            parameters.add(cursor.position());
            parameters.add(cursor.id());
        });
        query.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return sql.query(query.toString(), JdbcDatastoreRepository::map, parameters.toArray());
    }

    @Override
    public int countNotDeleted() {
        return sql.queryOne(
                        "SELECT COUNT(*) FROM datastore WHERE status <> ?",
                        row -> row.getInt(1),
                        DatastoreStatus.DELETED.name())
                .orElse(0);
    }

    @Override
    public void updateStatus(String id, DatastoreStatus status, Instant updatedAt) {
        sql.update(
                "UPDATE datastore SET status = ?, updated_at = ? WHERE id = ?",
                status.name(),
                updatedAt.toEpochMilli(),
                id);
    }

    private static Datastore map(ResultSet row) throws SQLException {
        return new Datastore(
                row.getString(1),
                row.getString(2),
                DatastoreStatus.valueOf(row.getString(3)),
                Optional.ofNullable(row.getString(4)),
                Optional.ofNullable(row.getString(5)),
                LosslessStorageFormat.valueOf(row.getString(6)),
                Instant.ofEpochMilli(row.getLong(7)),
                Instant.ofEpochMilli(row.getLong(8)));
    }
}
