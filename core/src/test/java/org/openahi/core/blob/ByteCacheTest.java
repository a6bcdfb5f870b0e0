package org.openahi.core.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteCacheTest {
    @Test
    void theBoundHoldsWhateverIsPut() {
        ByteCache cache = new ByteCache(1_000);
        for (int i = 0; i < 100; i++) {
            cache.put("k" + i, new byte[100]);
            assertThat(cache.bytes()).isLessThanOrEqualTo(1_000);
        }
        assertThat(cache.bytes()).isEqualTo(1_000);
    }

    @Test
    void clientsCyclingThroughMoreThanTheBoundStillHitAStableSet() {
        // 30 frames of 100 bytes cycled through a cache of 1,000: least-recently-used would miss every read.
        ByteCache cache = new ByteCache(1_000);
        int hits = 0;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 30; i++) {
                String key = "frame-" + i;
                if (cache.get(key) != null) {
                    hits++;
                } else {
                    cache.put(key, new byte[100]);
                }
            }
        }
        // At best 10 of every 30 reads hit; W-TinyLFU keeps most of that.
        assertThat(hits).isGreaterThan(50 * 30 / 6);
    }

    @Test
    void aValueLongerThanTheBoundIsNotKeptAndReplacingOrRemovingKeepsTheCount() {
        ByteCache cache = new ByteCache(100);
        cache.put("big", new byte[101]);
        assertThat(cache.get("big")).isNull();
        cache.put("a", new byte[40]);
        cache.put("a", new byte[60]);
        assertThat(cache.get("a")).hasSize(60);
        assertThat(cache.bytes()).isEqualTo(60);
        cache.remove("a");
        cache.remove("never");
        assertThat(cache.bytes()).isZero();
        assertThatThrownBy(() -> new ByteCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
