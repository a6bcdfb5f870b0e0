package org.openahi.store.jdbc;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openahi.core.tag.TagRepository;

final class JdbcTagRepository implements TagRepository {
    private final Sql sql;

    JdbcTagRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public SortedMap<String, String> list(String resourceArn) {
        SortedMap<String, String> tags = new TreeMap<>();
        sql.query(
                "SELECT tag_key, tag_value FROM resource_tag WHERE resource_arn = ?",
                row -> tags.put(row.getString(1), row.getString(2)),
                resourceArn);
        return tags;
    }

    @Override
    public void put(String resourceArn, Map<String, String> tags) {
        tags.forEach((key, value) -> sql.update(
                "INSERT INTO resource_tag (resource_arn, tag_key, tag_value) VALUES (?, ?, ?) "
                        + "ON CONFLICT (resource_arn, tag_key) DO UPDATE SET tag_value = excluded.tag_value",
                resourceArn,
                key,
                value));
    }

    @Override
    public void remove(String resourceArn, Collection<String> keys) {
        keys.forEach(
                key -> sql.update("DELETE FROM resource_tag WHERE resource_arn = ? AND tag_key = ?", resourceArn, key));
    }
}
