package org.openahi.core.blob;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which data store the work writing a blob belongs to, by work id ({@code frames/<workId>/...},
 * {@code metadata/<workId>/...}; see {@link BlobCleanup#workBlobKey}), for a blob store that treats data stores apart
 * (the encrypting one picks the data store's key). Work registers itself for as long as it writes: an import job while
 * it runs, a STOW-RS or DIMSE store while it stores. Work ids are unique across the process.
 */
public final class WorkOwners {
    /** A work id's data store and how many registrations hold it (work on one id may run on several threads). */
    private record Owner(String datastoreId, int holders) {}

    private static final Map<String, Owner> OWNERS = new ConcurrentHashMap<>();

    private WorkOwners() {}

    /** Registration of one piece of work, removed when closed. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    public static Registration register(String workId, String datastoreId) {
        OWNERS.merge(workId, new Owner(datastoreId, 1), (held, added) -> {
            if (!held.datastoreId().equals(datastoreId)) {
                throw new IllegalStateException("Work " + workId + " is registered for data store " + held.datastoreId()
                        + ", not " + datastoreId);
            }
            return new Owner(datastoreId, held.holders() + 1);
        });
        return () -> OWNERS.computeIfPresent(
                workId, (id, held) -> held.holders() == 1 ? null : new Owner(held.datastoreId(), held.holders() - 1));
    }

    /** The data store whose work writes {@code blobKey}, when that work registered. */
    public static Optional<String> ownerOf(String blobKey) {
        int first = blobKey.indexOf('/');
        int second = first < 0 ? -1 : blobKey.indexOf('/', first + 1);
        return second < 0
                ? Optional.empty()
                : Optional.ofNullable(OWNERS.get(blobKey.substring(first + 1, second)))
                        .map(Owner::datastoreId);
    }
}
