package org.openahi.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReclaimableTest {

    @Test
    void eachThreadKeepsItsOwnValueForItsNextUse() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        Reclaimable<int[]> buffers = new Reclaimable<>(() -> new int[made.incrementAndGet()]);
        int[] mine = buffers.get();
        assertThat(buffers.get()).isSameAs(mine);

        AtomicReference<int[]> theirs = new AtomicReference<>();
        Thread other = new Thread(() -> theirs.set(buffers.get()));
        other.start();
        other.join();
        assertThat(theirs.get()).isNotSameAs(mine);
        assertThat(made).hasValue(2);

        int[] larger = new int[100];
        buffers.set(larger);
        assertThat(buffers.get()).isSameAs(larger);
    }
}
