package org.openahi.core.memory;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openahi.core.memory.MemoryTables.Pair;
import org.openahi.core.tag.TagRepository;

final class MemoryTagRepository implements TagRepository {
    private final MemoryTables tables;

    MemoryTagRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public SortedMap<String, String> list(String resourceArn) {
        SortedMap<String, String> tags = new TreeMap<>();
        tables.tags.forEach((key, value) -> {
            if (key.first().equals(resourceArn)) {
                tags.put(key.second(), value);
            }
        });
        return tags;
    }

    @Override
    public void put(String resourceArn, Map<String, String> tags) {
        tags.forEach((key, value) -> tables.writing(tables.tags).put(new Pair<>(resourceArn, key), value));
    }

    @Override
    public void remove(String resourceArn, Collection<String> keys) {
        keys.forEach(key -> tables.writing(tables.tags).remove(new Pair<>(resourceArn, key)));
    }
}
