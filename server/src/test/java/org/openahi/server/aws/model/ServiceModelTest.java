package org.openahi.server.aws.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceModelTest {
    private final ServiceModel model = ServiceModel.load();

    @Test
    void theModelHasEighteenOperationsEightOfThemOnTheRuntimeHost() {
        assertThat(model.signingName()).isEqualTo("medical-imaging");
        assertThat(model.operations()).hasSize(18);
        assertThat(model.operations().values().stream()
                        .filter(op -> op.hostPrefix().equals(Optional.of("runtime-")))
                        .map(OperationModel::name)
                        .sorted()
                        .toList())
                .containsExactly(
                        "CopyImageSet",
                        "DeleteImageSet",
                        "GetImageFrame",
                        "GetImageSet",
                        "GetImageSetMetadata",
                        "ListImageSetVersions",
                        "SearchImageSets",
                        "UpdateImageSetMetadata");
    }

    @Test
    void templatesMatchRawSegmentsAndNeverEmptyLabels() {
        UriTemplate template = model.operation("ListTagsForResource").uri();
        assertThat(template.match(UriTemplate.segments("/tags/arn%3Aaws%3A...%3Adatastore%2Fabc")))
                .hasValueSatisfying(
                        labels -> assertThat(labels).containsEntry("resourceArn", "arn%3Aaws%3A...%3Adatastore%2Fabc"));
        assertThat(template.match(UriTemplate.segments("/tags/"))).isEmpty();
        assertThat(template.match(UriTemplate.segments("/tags/a/b"))).isEmpty();
        assertThat(model.operation("GetImageSet")
                        .uri()
                        .match(List.of("datastore", "d", "imageSet", "i", "getImageSet")))
                .hasValueSatisfying(labels ->
                        assertThat(labels).containsEntry("datastoreId", "d").containsEntry("imageSetId", "i"));
    }
}
