package org.openahi.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openahi.core.work.LeaseLostException;
import org.openahi.core.work.Leases;

/**
 * The behaviour every {@link Leases} must show, alone and with several owners racing on one item in separate
 * transactions (as nodes do). Times are explicit instants, so no assertion depends on the clock.
 */
public abstract class LeasesContract extends MetadataStoreFixture {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.250Z");
    private static final int RACERS = 6;

    @Test
    void aClaimHoldsTheItemUntilItRunsOut() {
        assertThat(claim("import", "j1", "n1", T0, T0.plusSeconds(30))).hasValue(1);
        assertThat(claim("import", "j1", "n2", T0.plusSeconds(10), T0.plusSeconds(40)))
                .isEmpty();
        // The same key of another kind is another item.
        assertThat(claim("export", "j1", "n2", T0, T0.plusSeconds(30))).hasValue(1);

        assertThat(renew("import", "j1", "n1", 1, T0.plusSeconds(60))).isTrue();
        assertThat(renew("import", "j1", "n2", 1, T0.plusSeconds(60))).isFalse();
        assertThat(renew("import", "j1", "n1", 2, T0.plusSeconds(60))).isFalse();
        // Renewed until T0+60: not claimable at T0+45, claimable after T0+60.
        assertThat(claimable("import", T0.plusSeconds(45))).isEmpty();
        assertThat(claim("import", "j1", "n2", T0.plusSeconds(45), T0.plusSeconds(75)))
                .isEmpty();
        holds("import", "j1", 1);
    }

    @Test
    void aClaimAfterTheLeaseRanOutRaisesTheEpochAndFencesTheFormerHolder() {
        claim("imageset", "s1-2", "n1", T0, T0.plusSeconds(30));
        assertThat(claimable("imageset", T0.plusSeconds(30))).isEmpty();
        assertThat(claimable("imageset", T0.plusSeconds(31))).containsExactly("s1-2");

        assertThat(claim("imageset", "s1-2", "n2", T0.plusSeconds(31), T0.plusSeconds(61)))
                .hasValue(2);
        assertThat(claimable("imageset", T0.plusSeconds(31))).isEmpty();
        assertThat(renew("imageset", "s1-2", "n1", 1, T0.plusSeconds(90))).isFalse();
        assertThatThrownBy(() -> holds("imageset", "s1-2", 1))
                .isInstanceOfSatisfying(LeaseLostException.class, lost -> {
                    assertThat(lost.kind()).isEqualTo("imageset");
                    assertThat(lost.key()).isEqualTo("s1-2");
                    assertThat(lost.epoch()).isEqualTo(1);
                    assertThat(lost.holder()).contains("n2");
                })
                .hasMessageContaining("n2");
        holds("imageset", "s1-2", 2);
    }

    @Test
    void aFencedTransactionIsRolledBack() {
        claim("import", "j1", "n1", T0, T0.plusSeconds(30));
        claim("import", "j1", "n2", T0.plusSeconds(31), T0.plusSeconds(61));
        assertThatThrownBy(() -> store.write(tx -> {
                    tx.leases().release("import", "j1", 2); // a write the failed check must undo
                    tx.leases().holds("import", "j1", 1);
                    return null;
                }))
                .isInstanceOf(LeaseLostException.class);
        assertThat(renew("import", "j1", "n2", 2, T0.plusSeconds(90))).isTrue();
    }

    @Test
    void aReleasedItemIsClaimedAgainAtAHigherEpoch() {
        claim("events", "w1", "n1", T0, T0.plusSeconds(30));
        release("events", "w1", 2); // not the holder's epoch: nothing
        assertThat(claim("events", "w1", "n2", T0.plusSeconds(1), T0.plusSeconds(31)))
                .isEmpty();
        release("events", "w1", 1);
        // Released: nobody's to take over, but free to claim.
        assertThat(claimable("events", T0.plusSeconds(100))).isEmpty();
        assertThatThrownBy(() -> holds("events", "w1", 1))
                .isInstanceOfSatisfying(
                        LeaseLostException.class,
                        lost -> assertThat(lost.holder()).isEmpty());
        assertThat(claim("events", "w1", "n2", T0.plusSeconds(1), T0.plusSeconds(31)))
                .hasValue(2);
        assertThat(renew("events", "w1", "n1", 1, T0.plusSeconds(60))).isFalse();
        holds("events", "w1", 2);
        // Released by its successor, the former holder's lease still names who took it over.
        release("events", "w1", 2);
        assertThat(renew("events", "w1", "n2", 2, T0.plusSeconds(60))).isFalse();
        assertThatThrownBy(() -> holds("events", "w1", 1))
                .isInstanceOfSatisfying(
                        LeaseLostException.class,
                        lost -> assertThat(lost.holder()).contains("n2"));
    }

    @Test
    void claimableListsLeasesThatRanOutOfOneKindOldestFirstUpToTheLimit() {
        claim("import", "b", "n1", T0, T0.plusSeconds(20));
        claim("import", "a", "n1", T0, T0.plusSeconds(10));
        claim("import", "c", "n1", T0, T0.plusSeconds(30));
        claim("import", "live", "n1", T0, T0.plusSeconds(300));
        claim("export", "x", "n1", T0, T0.plusSeconds(10));
        claim("import", "released", "n1", T0, T0.plusSeconds(10));
        release("import", "released", 1);

        assertThat(claimable("import", T0.plusSeconds(100))).containsExactly("a", "b", "c");
        assertThat(store.<List<String>>read(tx -> tx.leases().claimable("import", T0.plusSeconds(100), 2)))
                .containsExactly("a", "b");
        assertThat(claimable("export", T0.plusSeconds(100))).containsExactly("x");
    }

    @Test
    void ownersRacingForANewItemLeaveExactlyOneHolder() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "new-" + round;
            List<OptionalLong> outcomes = race(owner -> claim("import", key, owner, T0, T0.plusSeconds(30)));
            assertThat(outcomes.stream().filter(OptionalLong::isPresent)).hasSize(1);
            assertThat(outcomes.stream()
                            .filter(OptionalLong::isPresent)
                            .findFirst()
                            .orElseThrow())
                    .hasValue(1);
        }
    }

    @Test
    void ownersRacingForALeaseThatRanOutLeaveExactlyOneHolderAtTheNextEpoch() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "expired-" + round;
            claim("import", key, "dead", T0, T0.plusSeconds(10));
            List<OptionalLong> outcomes =
                    race(owner -> claim("import", key, owner, T0.plusSeconds(11), T0.plusSeconds(41)));
            List<OptionalLong> won =
                    outcomes.stream().filter(OptionalLong::isPresent).toList();
            assertThat(won).hasSize(1);
            assertThat(won.getFirst()).hasValue(2);
            assertThatThrownBy(() -> holds("import", key, 1)).isInstanceOf(LeaseLostException.class);
        }
    }

    @Test
    void aCommitRacingATakeOverEitherCommitsBeforeItOrIsFenced() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "fence-" + round;
            claim("import", key, "old", T0, T0.plusSeconds(10));
            // Half the racers commit as the former holder, half claim the lease that ran out.
            List<String> outcomes = race(racer -> {
                int index = Integer.parseInt(racer.substring(racer.indexOf('-') + 1));
                if (index % 2 == 0) {
                    try {
                        store.write(tx -> {
                            tx.leases().holds("import", key, 1);
                            return null;
                        });
                        return "committed";
                    } catch (LeaseLostException e) {
                        return "fenced";
                    }
                }
                return claim("import", key, racer, T0.plusSeconds(11), T0.plusSeconds(41))
                                .isPresent()
                        ? "claimed"
                        : "refused";
            });
            assertThat(outcomes).isSubsetOf("committed", "fenced", "claimed", "refused");
            assertThat(outcomes.stream().filter("claimed"::equals)).hasSize(1);
            // Whatever the order, the former holder is fenced from now on.
            assertThatThrownBy(() -> holds("import", key, 1)).isInstanceOf(LeaseLostException.class);
            holds("import", key, 2);
        }
    }

    /** Runs {@code RACERS} calls at once, each as its own owner ({@code racer-<i>}); returns their results in order. */
    private <T> List<T> race(RacerWork<T> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String owner = "racer-" + i;
                Callable<T> racer = () -> {
                    go.await();
                    return work.run(owner);
                };
                futures.add(threads.submit(racer));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface RacerWork<T> {
        T run(String owner) throws Exception;
    }

    private OptionalLong claim(String kind, String key, String owner, Instant now, Instant expiresAt) {
        return store.write(tx -> tx.leases().claim(kind, key, owner, now, expiresAt));
    }

    private boolean renew(String kind, String key, String owner, long epoch, Instant expiresAt) {
        return store.write(tx -> tx.leases().renew(kind, key, owner, epoch, expiresAt));
    }

    private void release(String kind, String key, long epoch) {
        store.write(tx -> {
            tx.leases().release(kind, key, epoch);
            return null;
        });
    }

    private List<String> claimable(String kind, Instant now) {
        return store.read(tx -> tx.leases().claimable(kind, now, 10));
    }

    private void holds(String kind, String key, long epoch) {
        store.write(tx -> {
            tx.leases().holds(kind, key, epoch);
            return null;
        });
    }
}
