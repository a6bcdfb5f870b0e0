package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.MovableClock;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;
import software.amazon.awssdk.services.medicalimaging.model.Operator;
import software.amazon.awssdk.services.medicalimaging.model.SearchByAttributeValue;
import software.amazon.awssdk.services.medicalimaging.model.SearchFilter;
import software.amazon.awssdk.services.medicalimaging.model.StorageTier;

/**
 * Storage tiers with a clock the test moves: image sets nobody accessed for the configured time (10 days here) go
 * ARCHIVE_INSTANT_ACCESS; a metadata or frame read, a DICOMweb retrieve, an update and a copy bring them back;
 * GetImageSet, SearchImageSets, ListImageSetVersions, tags, data store calls and an import into them do not. An access
 * is written at most once an hour per image set. Archived image sets' blobs move to the archive folder and are copied
 * back when accessed again, and read the same from either.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageTierIT {
    private static final Duration ARCHIVE_AFTER = Duration.ofDays(10);

    private final MovableClock clock = new MovableClock();
    private Path work;
    private TestServer server;
    private MedicalImagingClient client;
    private ImageSets.Fixture fixture;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        this.work = work;
        server = TestServer.start(
                Backend.SQLITE,
                Map.of(
                        "OPENAHI_FILE_ROOTS",
                        work + "," + SharedCorpus.dicom(),
                        "OPENAHI_ARCHIVE_AFTER_SECONDS",
                        Long.toString(ARCHIVE_AFTER.toSeconds()),
                        "OPENAHI_TIER_SWEEP_SECONDS",
                        "1",
                        "OPENAHI_ARCHIVE_BLOB_STORE",
                        work.resolve("archive").toString()),
                clock);
        client = server.client();
        fixture = ImageSets.importFixture(client, work, "tiers");
        // The blobs each move follows are the frames' encoded ones (a frame still pending changes its blob).
        server.dataDirectory().awaitNoPendingFrames();
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    private GetImageSetResponse get(String imageSetId) {
        return client.getImageSet(r -> r.datastoreId(fixture.datastoreId()).imageSetId(imageSetId));
    }

    /** Waits for the sweep (every second) to archive the image set; the clock is what decides, not the wait. */
    private void awaitArchived(String imageSetId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (get(imageSetId).storageTier() != StorageTier.ARCHIVE_INSTANT_ACCESS) {
            assertThat(Instant.now())
                    .as("image set " + imageSetId + " archived by the sweep")
                    .isBefore(deadline);
            sleep(50);
        }
    }

    /**
     * Waits for the sweep to move every blob of the image set to the archive folder (none left in the primary one), or
     * to copy every blob back to the primary folder.
     */
    private void awaitBlobsIn(String imageSetId, boolean archive) throws Exception {
        DataDirectory data = server.dataDirectory();
        Set<String> blobs =
                data.query("SELECT blob_key FROM image_frame WHERE image_set_id = '" + imageSetId + "' UNION "
                        + "SELECT metadata_blob FROM image_set_version WHERE image_set_id = '" + imageSetId
                        + "' AND metadata_blob IS NOT NULL");
        assertThat(blobs).isNotEmpty();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!blobs.stream()
                .allMatch(key -> archive
                        ? Files.exists(DataDirectory.blobFile(work.resolve("archive"), key))
                                && !Files.exists(data.blobFile(key))
                        : Files.exists(data.blobFile(key)))) {
            assertThat(Instant.now())
                    .as("the blobs of " + imageSetId + " moved")
                    .isBefore(deadline);
            sleep(50);
        }
    }

    /** Reads the image set's metadata (an access): its first frame's id and its series' UID. */
    private String[] firstFrameAndSeries(String imageSetId) {
        JsonNode document = Imports.metadata(client, fixture.datastoreId(), imageSetId, null);
        String series = document.path("Study").path("Series").fieldNames().next();
        return new String[] {
            Imports.instances(document)
                    .elements()
                    .next()
                    .at("/ImageFrames/0/ID")
                    .asText(),
            series,
            document.at("/Study/DICOM/StudyInstanceUID").asText()
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void untouchedImageSetsAreArchivedAndReadsCopiesAndUpdatesBringThemBack() throws Exception {
        String primary = fixture.primary();
        String other = fixture.otherSeries();
        String nonPrimary = fixture.nonPrimary();
        GetImageSetResponse created = get(primary);
        assertThat(created.storageTier()).isEqualTo(StorageTier.FREQUENT_ACCESS);
        assertThat(created.lastAccessedAt()).isEqualTo(created.createdAt());
        // Day 0: the metadata of all three is read (an access each).
        String[] primaryIds = firstFrameAndSeries(primary);
        String[] otherIds = firstFrameAndSeries(other);
        firstFrameAndSeries(nonPrimary);
        byte[] otherFrame = Imports.frame(client, fixture.datastoreId(), other, otherIds[0]);
        assertThat(get(primary).lastAccessedAt()).isAfter(created.createdAt());

        // Day 4: a frame of the primary set is read. Day 10 + 1 h: the others are archived, the primary set is not.
        clock.advance(Duration.ofDays(4));
        Instant read = clock.instant();
        Imports.frame(client, fixture.datastoreId(), primary, primaryIds[0]);
        assertThat(get(primary).lastAccessedAt()).isBetween(read.minusSeconds(1), clock.instant());
        clock.advance(Duration.ofDays(6).plusHours(1));
        awaitArchived(other);
        awaitArchived(nonPrimary);
        // The sweep that archived the others saw the primary set read 6 days before, and the clock has not moved since.
        assertThat(get(primary).storageTier()).isEqualTo(StorageTier.FREQUENT_ACCESS);

        // The calls that are no access leave an archived set archived, its lastAccessedAt unchanged.
        Instant otherAccessed = get(other).lastAccessedAt();
        String arn = get(other).imageSetArn();
        client.searchImageSets(r -> r.datastoreId(fixture.datastoreId()).searchCriteria(c -> {}));
        client.listImageSetVersions(r -> r.datastoreId(fixture.datastoreId()).imageSetId(other));
        client.tagResource(r -> r.resourceArn(arn).tags(Map.of("tier", "test")));
        client.listTagsForResource(r -> r.resourceArn(arn));
        client.untagResource(r -> r.resourceArn(arn).tagKeys("tier"));
        client.getDatastore(r -> r.datastoreId(fixture.datastoreId()));
        client.listDatastores(r -> {});
        Imports.run(
                client,
                fixture.datastoreId(),
                SharedCorpus.geStudy().resolve(ImageSets.SERIES_02).toUri().toString(),
                work.resolve("reimport-output").toUri().toString());
        server.dataDirectory().awaitNoPendingFrames();
        GetImageSetResponse stillArchived = get(other);
        assertThat(stillArchived.versionId()).as("the import made a version").isEqualTo("2");
        assertThat(stillArchived.storageTier()).isEqualTo(StorageTier.ARCHIVE_INSTANT_ACCESS);
        assertThat(stillArchived.lastAccessedAt()).isEqualTo(otherAccessed);
        SearchFilter bySeries = SearchFilter.builder()
                .operator(Operator.EQUAL)
                .values(SearchByAttributeValue.builder()
                        .dicomSeriesInstanceUID(otherIds[1])
                        .build())
                .build();
        ImageSetsMetadataSummary found = client
                .searchImageSets(r -> r.datastoreId(fixture.datastoreId()).searchCriteria(c -> c.filters(bySeries)))
                .imageSetsMetadataSummaries()
                .stream()
                .filter(s -> s.imageSetId().equals(other))
                .findFirst()
                .orElseThrow();
        assertThat(found.storageTier()).isEqualTo(StorageTier.ARCHIVE_INSTANT_ACCESS);
        assertThat(found.lastAccessedAt()).isEqualTo(otherAccessed);

        // Its blobs moved to the archive folder; a frame read is served from there, bit-exact, and brings the set back,
        // its blobs then copied back; a metadata read brings back the other.
        awaitBlobsIn(other, true);
        assertThat(Imports.frame(client, fixture.datastoreId(), other, otherIds[0]))
                .isEqualTo(otherFrame);
        assertThat(get(other).storageTier()).isEqualTo(StorageTier.FREQUENT_ACCESS);
        awaitBlobsIn(other, false);
        assertThat(Imports.frame(client, fixture.datastoreId(), other, otherIds[0]))
                .isEqualTo(otherFrame);
        assertThat(get(other).lastAccessedAt()).isAfter(otherAccessed);
        Imports.metadata(client, fixture.datastoreId(), nonPrimary, null);
        assertThat(get(nonPrimary).storageTier()).isEqualTo(StorageTier.FREQUENT_ACCESS);

        // Eleven days on, all three are archived; a DICOMweb retrieve, an update and a copy each bring theirs back.
        clock.advance(Duration.ofDays(11));
        awaitArchived(primary);
        awaitArchived(other);
        awaitArchived(nonPrimary);
        RawHttp.Response retrieve = new RawHttp.Request(server)
                .path("/datastore/" + fixture.datastoreId() + "/studies/" + primaryIds[2] + "/series/" + primaryIds[1]
                        + "/metadata")
                .header("Accept", "application/dicom+json")
                .send(server);
        assertThat(retrieve.status()).isEqualTo(200);
        assertThat(get(primary).storageTier()).as("after a WADO-RS retrieve").isEqualTo(StorageTier.FREQUENT_ACCESS);
        ImageSets.update(
                client,
                fixture.datastoreId(),
                other,
                get(other).versionId(),
                ImageSets.studyAttribute("StudyDescription", "tiered"));
        assertThat(get(other).storageTier()).as("after an update").isEqualTo(StorageTier.FREQUENT_ACCESS);
        ImageSets.awaitUnlocked(client, fixture.datastoreId(), other);
        client.copyImageSet(r -> r.datastoreId(fixture.datastoreId())
                .sourceImageSetId(nonPrimary)
                .copyImageSetInformation(c ->
                        c.sourceImageSet(s -> s.latestVersionId(get(nonPrimary).versionId()))));
        assertThat(get(nonPrimary).storageTier()).as("after a copy").isEqualTo(StorageTier.FREQUENT_ACCESS);
        ImageSets.awaitUnlocked(client, fixture.datastoreId(), nonPrimary);
    }

    @Test
    void anAccessIsWrittenAtMostOnceAnHourPerImageSet() {
        ImageSets.Fixture own = ImageSets.importFixture(client, work, "granularity");
        clock.advance(Duration.ofHours(2));
        JsonNode document = Imports.metadata(client, own.datastoreId(), own.primary(), null);
        String frame = Imports.instances(document)
                .elements()
                .next()
                .at("/ImageFrames/0/ID")
                .asText();
        Instant first = client.getImageSet(r -> r.datastoreId(own.datastoreId()).imageSetId(own.primary()))
                .lastAccessedAt();
        clock.advance(Duration.ofMinutes(30));
        Imports.frame(client, own.datastoreId(), own.primary(), frame);
        assertThat(client.getImageSet(r -> r.datastoreId(own.datastoreId()).imageSetId(own.primary()))
                        .lastAccessedAt())
                .as("half an hour after the metadata read")
                .isEqualTo(first);
        clock.advance(Duration.ofMinutes(31));
        Instant later = clock.instant();
        Imports.frame(client, own.datastoreId(), own.primary(), frame);
        assertThat(client.getImageSet(r -> r.datastoreId(own.datastoreId()).imageSetId(own.primary()))
                        .lastAccessedAt())
                .isAfterOrEqualTo(later.minusSeconds(1))
                .isAfter(first);
    }
}
