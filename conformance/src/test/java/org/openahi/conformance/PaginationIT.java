package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.DatastoreStatus;
import software.amazon.awssdk.services.medicalimaging.model.DatastoreSummary;
import software.amazon.awssdk.services.medicalimaging.model.ListDatastoresResponse;
import software.amazon.awssdk.services.medicalimaging.model.ValidationException;

/** 120 data stores listed page by page and with the SDK's paginator: no duplicate, no omission, newest first. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationIT {
    private static final int STORES = 120;

    private TestServer server;
    private MedicalImagingClient client;
    private List<String> newestFirst;

    @BeforeAll
    void createStores() {
        server = TestServer.start(Backend.SQLITE);
        client = server.client();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < STORES; i++) {
            created.add(client.createDatastore(r -> {}).datastoreId());
        }
        newestFirst = client.listDatastoresPaginator(r -> {}).datastoreSummaries().stream()
                .map(DatastoreSummary::datastoreId)
                .toList();
        assertThat(newestFirst).containsExactlyInAnyOrderElementsOf(created);
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 50})
    void everyPageSizeListsEachStoreExactlyOnceNewestFirst(int maxResults) {
        List<DatastoreSummary> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ListDatastoresResponse page =
                    client.listDatastores(r -> r.maxResults(maxResults).nextToken(current));
            assertThat(page.datastoreSummaries()).hasSizeLessThanOrEqualTo(maxResults);
            seen.addAll(page.datastoreSummaries());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo((STORES + maxResults - 1) / maxResults);
        assertThat(seen).extracting(DatastoreSummary::datastoreId).containsExactlyElementsOf(newestFirst);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).createdAt())
                    .isBeforeOrEqualTo(seen.get(i - 1).createdAt());
        }
    }

    @Test
    void theSdkPaginatorSeesEveryStoreOnce() {
        List<String> ids = client.listDatastoresPaginator(r -> r.maxResults(7)).datastoreSummaries().stream()
                .map(DatastoreSummary::datastoreId)
                .toList();
        assertThat(ids).containsExactlyElementsOf(newestFirst);
        assertThat(client.listDatastoresPaginator(r -> r.maxResults(7)).stream().count())
                .isEqualTo(18);
    }

    @Test
    void tokensAreOpaqueShortAndAscii() {
        String token = client.listDatastores(r -> r.maxResults(1)).nextToken();
        assertThat(token).hasSizeLessThanOrEqualTo(8192).matches("\\p{ASCII}+").doesNotContain(newestFirst.get(0));
    }

    @Test
    void tamperedTruncatedAndForeignTokensAreRejected() {
        String token = client.listDatastores(r -> r.maxResults(5)).nextToken();
        String body = token.substring(0, token.indexOf('.'));
        byte[] decoded = Base64.getUrlDecoder().decode(body);
        decoded[decoded.length - 1] ^= 0x01;
        String tampered =
                Base64.getUrlEncoder().withoutPadding().encodeToString(decoded) + token.substring(token.indexOf('.'));
        for (String bad : List.of(tampered, token.substring(0, token.length() - 3), "x" + token)) {
            assertThatThrownBy(() -> client.listDatastores(r -> r.maxResults(5).nextToken(bad)))
                    .as(bad)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("nextToken");
        }
        // A token is bound to the filter it was issued for.
        assertThatThrownBy(() -> client.listDatastores(
                        r -> r.maxResults(5).nextToken(token).datastoreStatus(DatastoreStatus.ACTIVE)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("nextToken");
        // ... and to the server that issued it.
        try (TestServer other = TestServer.start(Backend.SQLITE);
                MedicalImagingClient otherClient = other.client()) {
            assertThatThrownBy(() -> otherClient.listDatastores(r -> r.nextToken(token)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("nextToken");
        }
    }
}
