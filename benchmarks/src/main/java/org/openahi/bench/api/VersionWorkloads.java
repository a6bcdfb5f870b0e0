package org.openahi.bench.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetProperties;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;
import software.amazon.awssdk.services.medicalimaging.model.ListImageSetVersionsResponse;

/**
 * ListImageSetVersions on each image set of the data store "history" (seeded by {@link HistorySeed}): the first
 * page of 10 versions (which every history fills, so only the history's length differs), the default page of 50
 * where the history is longer, and for the longest history also its last page, reached with a nextToken, to show
 * that a page deep in the history costs what the first does.
 */
final class VersionWorkloads {
    static final String DATASTORE_NAME = "history";
    /** The page size every history can fill, so histories of any length are compared on the same response. */
    private static final int COMPARABLE_PAGE = 10;

    private VersionWorkloads() {}

    static List<Workload> of(MedicalImagingClient client, SignedRequests requests) {
        String datastoreId = Datastores.idOf(client, DATASTORE_NAME);
        List<ImageSetsMetadataSummary> imageSets = new ArrayList<>(
                client.searchImageSetsPaginator(r -> r.datastoreId(datastoreId)).imageSetsMetadataSummaries().stream()
                        .toList());
        imageSets.sort(Comparator.comparing(ImageSetsMetadataSummary::version));
        List<Workload> workloads = new ArrayList<>();
        for (ImageSetsMetadataSummary imageSet : imageSets) {
            String path = "/datastore/" + datastoreId + "/imageSet/" + imageSet.imageSetId() + "/listImageSetVersions";
            workloads.add(new Workload(
                    "ListImageSetVersions",
                    String.format("%,d versions, first page of %d", imageSet.version(), COMPARABLE_PAGE),
                    () -> requests.post(path, Map.of("maxResults", Integer.toString(COMPARABLE_PAGE)), "")));
            if (imageSet.version() > COMPARABLE_PAGE) {
                workloads.add(new Workload(
                        "ListImageSetVersions",
                        String.format("%,d versions, first page (default 50)", imageSet.version()),
                        () -> requests.post(path, Map.of(), "")));
            }
        }
        ImageSetsMetadataSummary longest = imageSets.get(imageSets.size() - 1);
        String path = "/datastore/" + datastoreId + "/imageSet/" + longest.imageSetId() + "/listImageSetVersions";
        LastPage last = lastPage(client, datastoreId, longest.imageSetId());
        workloads.add(new Workload(
                "ListImageSetVersions",
                String.format("%,d versions, last page (versions %s) by nextToken", longest.version(), last.versions()),
                () -> requests.post(path, Map.of("nextToken", last.token()), "")));
        return workloads;
    }

    private record LastPage(String token, String versions) {}

    /** Pages through the whole history with the SDK; the token that asks for its last page. */
    private static LastPage lastPage(MedicalImagingClient client, String datastoreId, String imageSetId) {
        String token = null;
        ListImageSetVersionsResponse page =
                client.listImageSetVersions(r -> r.datastoreId(datastoreId).imageSetId(imageSetId));
        while (page.nextToken() != null) {
            token = page.nextToken();
            String next = token;
            page = client.listImageSetVersions(
                    r -> r.datastoreId(datastoreId).imageSetId(imageSetId).nextToken(next));
        }
        if (token == null) {
            throw new IllegalStateException("Image set " + imageSetId + " has a one-page history");
        }
        List<ImageSetProperties> versions = page.imageSetPropertiesList();
        return new LastPage(
                token,
                versions.get(0).versionId() + "–"
                        + versions.get(versions.size() - 1).versionId());
    }
}
