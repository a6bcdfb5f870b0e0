package org.openahi.core.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodedFrameCacheTest {
    private final AtomicInteger decodes = new AtomicInteger();

    private DecodedFrameCache.Decoder frameOf(int bytes) {
        return () -> {
            decodes.incrementAndGet();
            return new byte[bytes];
        };
    }

    @Test
    void aFrameIsDecodedOnceWhileItStaysCached() throws Exception {
        DecodedFrameCache cache = new DecodedFrameCache(1000);
        byte[] first = cache.get("frames/a", frameOf(100));
        byte[] again = cache.get("frames/a", frameOf(100));
        assertThat(again).isSameAs(first);
        assertThat(decodes).hasValue(1);
        assertThat(cache.bytes()).isEqualTo(100);
    }

    @Test
    void framesAskedForOftenOutlastAScanOfFramesAskedForOnceWithinTheBound() throws Exception {
        DecodedFrameCache cache = new DecodedFrameCache(300);
        for (int round = 0; round < 3; round++) {
            for (String frame : List.of("a", "b", "c")) {
                cache.get(frame, frameOf(100));
            }
        }
        assertThat(decodes).hasValue(3);
        for (int i = 0; i < 20; i++) {
            cache.get("scan-" + i, frameOf(100));
            assertThat(cache.bytes()).isLessThanOrEqualTo(300);
        }
        assertThat(decodes).hasValue(23);
        for (String frame : List.of("a", "b", "c")) {
            cache.get(frame, frameOf(100));
        }
        assertThat(decodes).hasValue(23);
    }

    @Test
    void aFrameLargerThanTheBoundOrAnEmptyBoundKeepsNothing() throws Exception {
        DecodedFrameCache small = new DecodedFrameCache(50);
        small.get("a", frameOf(100));
        small.get("a", frameOf(100));
        DecodedFrameCache none = new DecodedFrameCache(0);
        none.get("a", frameOf(10));
        none.get("a", frameOf(10));
        assertThat(decodes).hasValue(4);
        assertThat(small.bytes()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1000, 0})
    void requestsForAFrameBeingDecodedWaitForThatDecodingWhateverTheBound(long maxBytes) throws Exception {
        DecodedFrameCache cache = new DecodedFrameCache(maxBytes);
        CountDownLatch decoding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Future<byte[]> first = pool.submit(() -> cache.get("a", () -> {
                decodes.incrementAndGet();
                decoding.countDown();
                release.await();
                return new byte[10];
            }));
            decoding.await();
            AtomicReference<byte[]> second = new AtomicReference<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    second.set(cache.get("a", frameOf(10)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Parked on the first request's decoding: the only wait in get once the lock is free.
            while (waiter.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            release.countDown();
            waiter.join();
            assertThat(second.get()).isSameAs(first.get());
            assertThat(decodes).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedDecodingIsNotKept() throws Exception {
        DecodedFrameCache cache = new DecodedFrameCache(1000);
        assertThatThrownBy(() -> cache.get("a", () -> {
                    throw new IOException("corrupt codestream");
                }))
                .hasMessage("corrupt codestream");
        assertThat(cache.get("a", frameOf(10))).hasSize(10);
        assertThat(decodes).hasValue(1);
        assertThat(cache.bytes()).isEqualTo(10);
    }
}
