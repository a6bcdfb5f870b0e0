package org.openahi.core.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openahi.core.error.Throttled;

/** Token buckets per action and principal on a clock the test moves, and the profiles' rates. */
class ThrottleTest {
    private static final String ALICE = "arn:aws:iam::000000000000:user/alice";
    private static final String BOB = "arn:aws:iam::000000000000:user/bob";
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstIsAllowedThenTheBucketRefillsAtItsRate() {
        Throttle throttle = new Throttle(RateProfile.named("aws", ""), now::get);
        for (int i = 0; i < 20; i++) {
            throttle.check(ALICE, "GetDatastore");
        }
        assertThatThrownBy(() -> throttle.check(ALICE, "GetDatastore"))
                .isInstanceOf(Throttled.class)
                .hasMessageContaining("GetDatastore: 10.0 requests per second (burst 20)")
                .hasMessageContaining("free again in 100 ms");
        now.addAndGet(99_000_000L);
        assertThatThrownBy(() -> throttle.check(ALICE, "GetDatastore")).isInstanceOf(Throttled.class);
        now.addAndGet(1_000_000L);
        throttle.check(ALICE, "GetDatastore");
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 20; i++) {
            throttle.check(ALICE, "GetDatastore");
        }
        assertThatThrownBy(() -> throttle.check(ALICE, "GetDatastore"))
                .as("a full bucket holds only the burst")
                .isInstanceOf(Throttled.class);
    }

    @Test
    void bucketsArePerPrincipalAndPerAction() {
        Throttle throttle = new Throttle(RateProfile.named("aws", ""), now::get);
        throttle.check(ALICE, "CreateDatastore");
        assertThatThrownBy(() -> throttle.check(ALICE, "CreateDatastore")).isInstanceOf(Throttled.class);
        throttle.check(BOB, "CreateDatastore");
        throttle.check(ALICE, "GetDatastore");
    }

    @Test
    void profilesAndOverrides() {
        RateProfile aws = RateProfile.named("aws", "");
        assertThat(aws.rate("CreateDatastore")).hasValue(new Rate(0.085, 1));
        assertThat(aws.rate("GetImageFrame")).hasValue(new Rate(1000, 2000));
        assertThat(aws.rate("UpdateImageSetMetadata")).hasValue(new Rate(0.25, 1));
        assertThat(aws.rate("GetDICOMInstanceFrames")).as("DICOMweb retrieve").hasValue(new Rate(50, 100));
        RateProfile generous = RateProfile.named("generous", "");
        assertThat(generous.rate("CreateDatastore")).hasValue(new Rate(10_000, 20_000));
        assertThat(generous.rate("GetImageFrame")).hasValue(new Rate(1_000_000, 2_000_000));
        assertThat(RateProfile.named("off", "").rate("GetImageFrame")).isEqualTo(Optional.empty());
        RateProfile overridden = RateProfile.named("generous", "GetDatastore=1/1, SearchDICOMStudies=0.5/2");
        assertThat(overridden.rate("GetDatastore")).hasValue(new Rate(1, 1));
        assertThat(overridden.rate("SearchDICOMStudies")).hasValue(new Rate(0.5, 2));
        assertThatThrownBy(() -> RateProfile.named("fast", "")).hasMessageContaining("aws, generous or off");
        assertThatThrownBy(() -> RateProfile.named("aws", "GetDatastore=ten"))
                .hasMessageContaining("<per second>/<burst>");
        assertThatThrownBy(() -> RateProfile.named("aws", "GetDatastore=0/5")).hasMessageContaining("positive rate");
    }

    @Test
    void theOffProfileNeverThrottles() {
        Throttle throttle = new Throttle(RateProfile.named("off", ""), now::get);
        for (int i = 0; i < 10_000; i++) {
            throttle.check(ALICE, "CreateDatastore");
        }
    }

    @Test
    void admissionRunsAtMostItsLimitAndRefusesBeyondItsQueueAtOnce() {
        Admission admission = new Admission(2, 0, 0);
        Admission.Permit first = admission.admit().orElseThrow();
        Admission.Permit second = admission.admit().orElseThrow();
        assertThat(admission.admit()).isEmpty();
        first.close();
        Admission.Permit third = admission.admit().orElseThrow();
        assertThat(admission.admit()).isEmpty();
        second.close();
        third.close();
        assertThat(admission.admit()).isPresent();
    }

    @Test
    void aQueuedRequestTakesTheRoomFreedWhileItWaits() throws Exception {
        Admission admission = new Admission(1, 1, 60_000);
        Admission.Permit running = admission.admit().orElseThrow();
        java.util.concurrent.CompletableFuture<Optional<Admission.Permit>> waiting =
                java.util.concurrent.CompletableFuture.supplyAsync(admission::admit);
        while (admission.waiting() == 0) {
            Thread.onSpinWait();
        }
        assertThat(admission.admit()).as("the queue (1) is full").isEmpty();
        running.close();
        assertThat(waiting.get()).isPresent();
    }
}
