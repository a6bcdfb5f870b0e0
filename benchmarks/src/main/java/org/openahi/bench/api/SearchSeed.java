package org.openahi.bench.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.imageset.DicomWebIndex;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.store.Ids;
import org.openahi.store.jdbc.JdbcMetadataStore;
import org.openahi.store.jdbc.JdbcSettings;

/**
 * Seeds the data store "search" for {@link SearchWorkloads}: creates it and writes the image sets of a
 * {@link SyntheticArchive} into the server's metadata store through the store's own repositories (the rows an
 * import and later edits would leave: image set, search summary, QIDO-RS study and series fields, versions),
 * 1,000 per transaction. Importing
 * 100,000 image sets through the API would take hours; the search reads only these rows. The image sets have no
 * frames and their versions no metadata documents, so GetImageSetMetadata and GetImageFrame do not work on them.
 * Run it while no server uses the database.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.SearchSeed JDBC_URL LIVE_IMAGE_SETS</pre>
 */
public final class SearchSeed {
    private static final int BATCH = 1_000;

    private SearchSeed() {}

    /** The QIDO-RS study and series fields of an image set; its instances are not listed (they are not seeded). */
    private static DicomWebIndex qidoIndex(SyntheticArchive.Seeded seeded) {
        String seriesNumber = seeded.imageSet().identity().seriesNumber();
        return new DicomWebIndex(
                "REFERRING^PHYSICIAN",
                seeded.summary().studyDescription(),
                seriesNumber == null || seriesNumber.isBlank() ? null : Long.valueOf(seriesNumber.strip()),
                List.of());
    }

    public static void main(String[] args) {
        String url = args[0];
        int live = Integer.parseInt(args[1]);
        long started = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (JdbcMetadataStore store = JdbcMetadataStore.open(JdbcSettings.of(url))) {
            String datastoreId = Ids.newId();
            store.write(tx -> {
                tx.datastores()
                        .insert(new Datastore(
                                datastoreId,
                                SearchWorkloads.DATASTORE_NAME,
                                DatastoreStatus.ACTIVE,
                                Optional.empty(),
                                Optional.empty(),
                                LosslessStorageFormat.HTJ2K,
                                now,
                                now));
                return null;
            });
            SyntheticArchive archive = new SyntheticArchive(datastoreId, now, 2026);
            int made = 0;
            int deleted = 0;
            int nonPrimary = 0;
            long versions = 0;
            while (made - deleted < live) {
                List<SyntheticArchive.Seeded> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && made + batch.size() - deleted < live) {
                    SyntheticArchive.Seeded seeded = archive.next();
                    batch.add(seeded);
                    deleted += seeded.imageSet().state() == ImageSetState.DELETED ? 1 : 0;
                    nonPrimary += seeded.imageSet().primary() ? 0 : 1;
                    versions += seeded.versions().size();
                }
                store.write(tx -> {
                    for (SyntheticArchive.Seeded seeded : batch) {
                        tx.imageSets().insert(seeded.imageSet());
                        tx.imageSets().updateSummary(seeded.imageSet().id(), seeded.summary());
                        tx.imageSets().updateDicomWebIndex(seeded.imageSet().id(), qidoIndex(seeded));
                        for (ImageSetVersion version : seeded.versions()) {
                            tx.imageSets().insertVersion(version);
                        }
                    }
                    return null;
                });
                made += batch.size();
            }
            System.out.printf(
                    "seeded data store %s (%s): %,d image sets (%,d not DELETED, %,d DELETED, %,d non-primary), "
                            + "%,d versions in %.1f s%n",
                    SearchWorkloads.DATASTORE_NAME,
                    datastoreId,
                    made,
                    made - deleted,
                    deleted,
                    nonPrimary,
                    versions,
                    (System.nanoTime() - started) / 1e9);
        }
    }
}
