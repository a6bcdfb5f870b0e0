package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openahi.testing.ErrorCodes;

/** Each place that throws an {@link Htj2kException} has its own code, so a quoted code points at one check. */
class ErrorCodesTest {

    @Test
    void everyThrowSiteHasItsOwnCode() {
        assertThat(ErrorCodes.assertEveryThrowSiteHasItsOwnCode("Htj2kException"))
                .isGreaterThan(50);
    }
}
