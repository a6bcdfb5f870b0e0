package org.openahi.core.tier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image sets' storage tiers. Reading an image set's metadata or frames, any DICOMweb retrieve, a copy and an update
 * are accesses ({@link #accessed}): they keep it in, or bring it back to, {@code FREQUENT_ACCESS}; an image set not
 * accessed for {@code archiveAfter} moves to {@code ARCHIVE_INSTANT_ACCESS} ({@link #archiveUntouched}). An access is
 * written at most once per {@code accessGranularity} per image set by a server (it remembers what it wrote), so a
 * viewer reading a thousand frames costs one write, and {@code lastAccessedAt} is exact to that granularity.
 */
public final class StorageTiers {
    private static final Logger LOG = LoggerFactory.getLogger(StorageTiers.class);
    private static final int BATCH = 500;
    private static final int MAX_REMEMBERED = 100_000;

    /** How long an image set stays untouched before it is archived, and how often an access is written. */
    public record Settings(Duration archiveAfter, Duration accessGranularity) {
        public Settings {
            if (accessGranularity.compareTo(archiveAfter) >= 0) {
                throw new IllegalArgumentException("the access granularity (" + accessGranularity
                        + ") must be shorter than " + "the time before archiving (" + archiveAfter + ")");
            }
        }
    }

    private final MetadataStore store;
    private final Clock clock;
    private final Settings settings;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    public StorageTiers(MetadataStore store, Clock clock, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Records an access to the image set, unless this server wrote one less than the granularity ago. A failure to
     * write it is logged, not thrown: the read it belongs to has succeeded.
     */
    public void accessed(String imageSetId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant last = written.get(imageSetId);
        if (last != null
                && !now.isBefore(last)
                && Duration.between(last, now).compareTo(settings.accessGranularity()) < 0) {
            return;
        }
        try {
            store.write(tx -> {
                tx.tiers().recordAccess(imageSetId, now);
                return null;
            });
            if (written.size() >= MAX_REMEMBERED) {
                written.clear();
            }
            written.put(imageSetId, now);
        } catch (RuntimeException e) {
            LOG.warn("Could not record an access to image set {}: {}", imageSetId, e.getMessage());
        }
    }

    /** The image set's tier and last access. */
    public TierState state(ImageSet imageSet) {
        return states(List.of(imageSet.id())).get(imageSet.id());
    }

    /** The tiers of those image sets, by id. */
    public Map<String, TierState> states(Collection<String> imageSetIds) {
        return store.read(tx -> tx.tiers().find(imageSetIds));
    }

    /** Moves every image set not accessed for {@code archiveAfter} to the archive tier; returns how many moved. */
    public int archiveUntouched() {
        Instant before = clock.instant().minus(settings.archiveAfter());
        int archived = 0;
        while (true) {
            List<TierState> batch = store.write(tx -> {
                List<TierState> untouched = tx.tiers().untouchedSince(before, BATCH);
                // An access committed since the select is newer than lastAccessedAt, and keeps its image set where it
                // is.
                return untouched.stream()
                        .filter(state -> tx.tiers().archive(state.imageSetId(), state.lastAccessedAt()))
                        .toList();
            });
            batch.forEach(state -> written.remove(state.imageSetId()));
            archived += batch.size();
            if (batch.size() < BATCH) {
                if (archived > 0) {
                    LOG.info("{} image sets not accessed since {} moved to ARCHIVE_INSTANT_ACCESS", archived, before);
                }
                return archived;
            }
        }
    }
}
