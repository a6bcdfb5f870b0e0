package org.openahi.jpegls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openahi.testing.ErrorCodes;

/** Each place that throws a {@link JpegLsException} has its own code, so a quoted code points at one check. */
class ErrorCodesTest {

    @Test
    void everyThrowSiteHasItsOwnCode() {
        assertThat(ErrorCodes.assertEveryThrowSiteHasItsOwnCode("JpegLsException"))
                .isGreaterThan(40);
    }
}
