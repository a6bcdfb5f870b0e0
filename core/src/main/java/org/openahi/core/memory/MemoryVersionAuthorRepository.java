package org.openahi.core.memory;

import java.util.Comparator;
import java.util.List;
import org.openahi.core.imageset.VersionAuthor;
import org.openahi.core.imageset.VersionAuthorRepository;
import org.openahi.core.memory.MemoryTables.Pair;

final class MemoryVersionAuthorRepository implements VersionAuthorRepository {
    private final MemoryTables tables;

    MemoryVersionAuthorRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public void record(VersionAuthor author) {
        tables.writing(tables.versionAuthors).putIfAbsent(new Pair<>(author.imageSetId(), author.version()), author);
    }

    @Override
    public List<VersionAuthor> list(String imageSetId) {
        return tables.versionAuthors.values().stream()
                .filter(author -> author.imageSetId().equals(imageSetId))
                .sorted(Comparator.comparingInt(VersionAuthor::version))
                .toList();
    }
}
