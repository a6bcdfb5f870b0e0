package org.openahi.server.aws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** restJson1 timestamps: epoch seconds as a JSON number, with milliseconds as the fraction. */
public final class Timestamps {
    private Timestamps() {}

    public static DecimalNode epochSeconds(Instant instant) {
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    /** A bound timestamp member (epoch seconds) as an instant, to the millisecond. */
    public static Instant instant(JsonNode epochSeconds) {
        return Instant.ofEpochMilli(epochSeconds
                .decimalValue()
                .movePointRight(3)
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact());
    }
}
