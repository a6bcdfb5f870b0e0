package org.openahi.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntakeMemoryTest {

    @Test
    void instancesAreHeldUntilTheRoomIsTakenAndAgainOnceItIsGivenBack() {
        IntakeMemory memory = new IntakeMemory();
        long held = IntakeMemory.FRONT_DOOR_BYTES / IntakeMemory.INSTANCE_BYTES;
        for (int i = 0; i < held; i++) {
            assertThat(memory.take(IntakeMemory.INSTANCE_BYTES))
                    .as("instance " + i)
                    .isTrue();
        }
        assertThat(memory.take(1)).as("no room left").isFalse();
        memory.give(IntakeMemory.INSTANCE_BYTES);
        assertThat(memory.take(IntakeMemory.INSTANCE_BYTES)).isTrue();
        assertThat(memory.take(1)).as("a refused take leaves nothing taken").isFalse();
    }

    @Test
    void anInstanceLargerThanTheLimitIsNeverHeld() {
        assertThat(new IntakeMemory().take(IntakeMemory.INSTANCE_BYTES + 1L)).isFalse();
    }
}
