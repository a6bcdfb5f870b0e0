package org.openahi.core.work;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureCodeTest {
    @Test
    void aMessageIsTheCodeAColonAndTheText() {
        assertThat(FailureCode.INPUT_LIMIT.message("the input holds 3 files"))
                .isEqualTo("INPUT_LIMIT: the input holds 3 files");
    }

    @Test
    void aFailedWorkCarriesItsCodeAndTheWireText() {
        WorkFailedException failed = new WorkFailedException(FailureCode.CONFLICT, "the primary image set changed");
        assertThat(failed.code()).contains(FailureCode.CONFLICT);
        assertThat(failed.getMessage()).isEqualTo("CONFLICT: the primary image set changed");
    }

    @Test
    void theOneUncodedMessageKeepsItsText() {
        WorkFailedException failed = WorkFailedException.uncoded("Datastore d1 no longer exists");
        assertThat(failed.code()).isEmpty();
        assertThat(failed.getMessage()).isEqualTo("Datastore d1 no longer exists");
    }
}
