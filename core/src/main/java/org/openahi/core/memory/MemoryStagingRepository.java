package org.openahi.core.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.openahi.core.importing.StagedInstance;
import org.openahi.core.importing.StagingRepository;
import org.openahi.core.memory.MemoryTables.StagedRow;

final class MemoryStagingRepository implements StagingRepository {
    private static final Comparator<StagedRow> STAGING_ORDER = Comparator.comparing(StagedRow::stagedAt)
            .thenComparing(StagedRow::workId)
            .thenComparingInt(row -> row.instance().sequence());

    private final MemoryTables tables;

    MemoryStagingRepository(MemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public void insert(String datastoreId, String workId, Instant stagedAt, List<StagedInstance> instances) {
        for (StagedInstance instance : instances) {
            tables.insert(
                    tables.staged,
                    instance.id(),
                    new StagedRow(datastoreId, workId, stagedAt, instance),
                    "staged instance");
        }
    }

    @Override
    public List<Staged> find(Collection<String> ids) {
        return ids.stream()
                .distinct()
                .map(tables.staged::get)
                .filter(Objects::nonNull)
                .sorted(STAGING_ORDER)
                .map(row -> new Staged(row.datastoreId(), row.instance()))
                .toList();
    }

    @Override
    public List<String> stagedBefore(Instant before, int limit) {
        return tables.staged.values().stream()
                .filter(row -> row.stagedAt().isBefore(before) && !tables.importJobs.containsKey(row.workId()))
                .sorted(Comparator.comparing(StagedRow::stagedAt))
                .limit(limit)
                .map(row -> row.instance().id())
                .toList();
    }

    @Override
    public List<StagedInstance> stagedBy(String workId) {
        return tables.staged.values().stream()
                .filter(row -> row.workId().equals(workId))
                .map(StagedRow::instance)
                .sorted(Comparator.comparingInt(StagedInstance::sequence))
                .toList();
    }

    @Override
    public int countStaged(String datastoreId) {
        return (int) tables.staged.values().stream()
                .filter(row -> row.datastoreId().equals(datastoreId))
                .count();
    }

    @Override
    public void deleteStagedBy(String workId) {
        tables.writing(tables.staged).values().removeIf(row -> row.workId().equals(workId));
    }

    @Override
    public void delete(Collection<String> ids) {
        ids.forEach(tables.writing(tables.staged)::remove);
    }
}
