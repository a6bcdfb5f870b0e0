package org.openahi.server.aws.protocol;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.operations.CopyImageSetOperation;
import org.openahi.server.aws.operations.SearchImageSetsOperation;
import org.openahi.server.aws.operations.StartDicomImportJobOperation;
import org.openahi.server.aws.operations.UpdateImageSetMetadataOperation;

class InputMemberTest {
    private static final ServiceModel MODEL = ServiceModel.load();

    /** A CopyImageSet handler that reads nothing; each subclass declares the member it would read. */
    private abstract static class CopyHandler implements OperationHandler {
        @Override
        public String operation() {
            return "CopyImageSet";
        }

        @Override
        public ObjectNode handle(Input input) {
            throw new UnsupportedOperationException("only checked, never run");
        }
    }

    /** The model's member is sourceImageSetId. */
    private static final class MisspeltCopy extends CopyHandler {
        private static final InputMember SOURCE = InputMember.of("sourceImagesetId");
    }

    /** The structure is sourceImageSet, not source. */
    private static final class WrongNestedCopy extends CopyHandler {
        private static final InputMember VERSION =
                InputMember.of("copyImageSetInformation", "source", "latestVersionId");
    }

    @Test
    void aMisspeltMemberFailsTheCheckNamingIt() {
        assertThatThrownBy(() -> InputMember.check(MODEL, new MisspeltCopy()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MisspeltCopy")
                .hasMessageContaining("[sourceImagesetId]");
    }

    @Test
    void aNestedPathIsFollowedStepByStep() {
        assertThatThrownBy(() -> InputMember.check(MODEL, new WrongNestedCopy()))
                .hasMessageContaining("[copyImageSetInformation.source.latestVersionId]");
    }

    @Test
    void theHandlersMembersAreTheModels() {
        // Nested structures, blobs under a structure, lists of unions, a list in a union: every path these handlers
        // read
        // exists.
        assertThatCode(() -> {
                    InputMember.check(MODEL, new CopyImageSetOperation(null, null, null));
                    InputMember.check(MODEL, new UpdateImageSetMetadataOperation(null, null));
                    InputMember.check(MODEL, new SearchImageSetsOperation(null, null));
                    InputMember.check(MODEL, new StartDicomImportJobOperation(null));
                })
                .doesNotThrowAnyException();
    }
}
