package org.openahi.server.aws.protocol;

import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.time.Instant;

/** restJson1 timestamps: epoch seconds as a JSON number, with milliseconds as the fraction. */
public final class Timestamps {
  private Timestamps() {
  }

  public static DecimalNode epochSeconds(Instant instant) {
    return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
  }
}
