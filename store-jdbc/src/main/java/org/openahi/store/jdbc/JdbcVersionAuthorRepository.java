package org.openahi.store.jdbc;

import java.time.Instant;
import java.util.List;
import org.openahi.core.imageset.VersionAuthor;
import org.openahi.core.imageset.VersionAuthorRepository;

final class JdbcVersionAuthorRepository implements VersionAuthorRepository {
    private final Sql sql;

    JdbcVersionAuthorRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void record(VersionAuthor author) {
        sql.update(
                "INSERT INTO image_set_version_author (image_set_id, version, principal_arn, request_id, action, "
                        + "recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (image_set_id, version) DO NOTHING",
                author.imageSetId(),
                author.version(),
                author.principalArn(),
                author.requestId(),
                author.action(),
                author.recordedAt().toEpochMilli());
    }

    @Override
    public List<VersionAuthor> list(String imageSetId) {
        return sql.query(
                "SELECT image_set_id, version, principal_arn, request_id, action, recorded_at "
                        + "FROM image_set_version_author WHERE image_set_id = ? ORDER BY version",
                row -> new VersionAuthor(
                        row.getString(1),
                        row.getInt(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        Instant.ofEpochMilli(row.getLong(6))),
                imageSetId);
    }
}
