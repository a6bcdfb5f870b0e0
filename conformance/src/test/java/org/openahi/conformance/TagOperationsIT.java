package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ResourceNotFoundException;
import software.amazon.awssdk.services.medicalimaging.model.ValidationException;

/** TagResource, UntagResource and ListTagsForResource through the AWS SDK for Java v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TagOperationsIT {
    private TestServer server;
    private MedicalImagingClient client;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.SQLITE);
        client = server.client();
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    private String newStoreArn() {
        return server.datastoreArn(client.createDatastore(r -> {}).datastoreId());
    }

    @Test
    void tagsAreAddedReplacedListedAndRemoved() {
        String arn = newStoreArn();
        assertThat(client.listTagsForResource(r -> r.resourceArn(arn)).tags()).isEmpty();
        client.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "imaging", "cost-center", "42")));
        client.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "radiology", "empty", "")));
        assertThat(client.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "radiology", "cost-center", "42", "empty", ""));
        client.untagResource(r -> r.resourceArn(arn).tagKeys("team", "never-set"));
        assertThat(client.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cost-center", "42", "empty", ""));
    }

    @Test
    void tagKeysAndValuesUseTheModelsCharacterSet() {
        String arn = newStoreArn();
        Map<String, String> tags = Map.of("a+b-c=d.e_f:g/h", "any value, even unicode: é 漢", "Z", "x".repeat(256));
        client.tagResource(r -> r.resourceArn(arn).tags(tags));
        assertThat(client.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactlyInAnyOrderEntriesOf(tags);
    }

    @Test
    void unknownResourcesAreNotFound() {
        String unknownStore = server.datastoreArn("0123456789abcdef0123456789abcdef");
        String otherAccount = "arn:aws:medical-imaging:us-east-1:999999999999:datastore/" + "a".repeat(32);
        String otherRegion =
                "arn:aws:medical-imaging:eu-west-1:" + TestServer.ACCOUNT_ID + ":datastore/" + "a".repeat(32);
        for (String arn : List.of(unknownStore, otherAccount, otherRegion)) {
            assertThatThrownBy(() -> client.listTagsForResource(r -> r.resourceArn(arn)))
                    .as(arn)
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(arn).tags(Map.of("k", "v"))))
                    .as(arn)
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(
                            () -> client.untagResource(r -> r.resourceArn(arn).tagKeys("k")))
                    .as(arn)
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void imageSetArnsAreNotFoundUntilTheImageSetExists() {
        String imageSetArn = newStoreArn() + "/imageset/" + "b".repeat(32);
        assertThatThrownBy(() -> client.listTagsForResource(r -> r.resourceArn(imageSetArn)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("b".repeat(32));
    }

    @Test
    void aDeletedStoreKeepsItsTagsForReadingButAcceptsNoChanges() {
        String arn = newStoreArn();
        client.tagResource(r -> r.resourceArn(arn).tags(Map.of("k", "v")));
        client.deleteDatastore(r -> r.datastoreId(arn.substring(arn.lastIndexOf('/') + 1)));
        assertThat(client.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactly(Map.entry("k", "v"));
        assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(arn).tags(Map.of("k2", "v"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("DELETED");
    }

    @Test
    void invalidArnsKeysAndCountsAreValidationErrors() {
        String arn = newStoreArn();
        assertThatThrownBy(() -> client.listTagsForResource(r -> r.resourceArn("arn:aws:s3:::bucket")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'resourceArn'");
        assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(arn).tags(Map.of("aws:reserved", "v"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'tags'")
                .hasMessageContaining("Map keys");
        assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(arn).tags(Map.of("k", "v".repeat(257)))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'tags.k'");
        List<String> tooManyKeys =
                IntStream.range(0, 201).mapToObj(i -> "k" + i).toList();
        assertThatThrownBy(() -> client.untagResource(r -> r.resourceArn(arn).tagKeys(tooManyKeys)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'tagKeys'");
        Map<String, String> fifty = new HashMap<>();
        IntStream.range(0, 50).forEach(i -> fifty.put("key" + i, "v"));
        client.tagResource(r -> r.resourceArn(arn).tags(fifty));
        assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(arn).tags(Map.of("one-more", "v"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 50 tags");
        assertThat(client.listTagsForResource(r -> r.resourceArn(arn)).tags()).hasSize(50);
    }
}
