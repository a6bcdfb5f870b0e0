package org.openahi.core.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LruBytesTest {
    @Test
    void theLeastRecentlyUsedAreEvictedBeyondTheBound() {
        LruBytes lru = new LruBytes(300);
        lru.put("a", new byte[100]);
        lru.put("b", new byte[100]);
        lru.put("c", new byte[100]);
        assertThat(lru.get("a")).hasSize(100); // a is now the most recently used
        lru.put("d", new byte[100]);
        assertThat(lru.get("b")).isNull();
        assertThat(lru.get("a")).isNotNull();
        assertThat(lru.get("c")).isNotNull();
        assertThat(lru.get("d")).isNotNull();
        assertThat(lru.bytes()).isEqualTo(300);
    }

    @Test
    void aValueLongerThanTheBoundIsNotKeptAndReplacingOrRemovingKeepsTheCount() {
        LruBytes lru = new LruBytes(100);
        lru.put("big", new byte[101]);
        assertThat(lru.get("big")).isNull();
        lru.put("a", new byte[40]);
        lru.put("a", new byte[60]);
        assertThat(lru.bytes()).isEqualTo(60);
        lru.remove("a");
        lru.remove("never");
        assertThat(lru.bytes()).isZero();
        assertThatThrownBy(() -> new LruBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
