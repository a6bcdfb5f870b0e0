package org.openahi.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDeliveryWorkTest {
    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheMaximum() {
        EventDeliveryWork delivery = new EventDeliveryWork(
                null,
                List.of(),
                Clock.systemUTC(),
                new EventDeliveryWork.Settings(Duration.ofSeconds(1), Duration.ofSeconds(300), Duration.ofDays(7)));
        assertThat(List.of(1, 2, 3, 4, 9, 10, 500).stream()
                        .map(delivery::backoff)
                        .map(Duration::toSeconds)
                        .toList())
                .containsExactly(1L, 2L, 4L, 8L, 256L, 300L, 300L);
    }
}
