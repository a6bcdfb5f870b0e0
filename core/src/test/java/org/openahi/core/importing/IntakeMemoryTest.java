package org.openahi.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntakeMemoryTest {

    @Test
    void buffersAreGivenWhileAnyIsLeftAndReusedOnceGivenBack() {
        IntakeMemory memory = new IntakeMemory();
        List<byte[]> taken = new ArrayList<>();
        for (int i = 0; i < IntakeMemory.BUFFERS; i++) {
            byte[] buffer = memory.take(IntakeMemory.INSTANCE_BYTES).orElseThrow();
            assertThat(buffer).hasSize(IntakeMemory.INSTANCE_BYTES);
            taken.add(buffer);
        }
        assertThat(memory.take(1)).as("none left").isEmpty();
        byte[] given = taken.remove(0);
        memory.give(given);
        assertThat(memory.take(1)).as("the buffer given back").containsSame(given);
        assertThat(memory.take(1)).as("a refused take leaves nothing taken").isEmpty();
    }

    @Test
    void anInstanceLargerThanABufferIsNeverHeld() {
        assertThat(new IntakeMemory().take(IntakeMemory.INSTANCE_BYTES + 1L)).isEqualTo(Optional.empty());
    }
}
