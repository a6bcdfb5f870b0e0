package org.openahi.core.importing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Position after the last job of a page, newest first (submittedAt, then id, descending). */
public record ImportJobCursor(Instant submittedAt, String id) {

  byte[] toBytes() {
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(Long.BYTES + idBytes.length).putLong(submittedAt.toEpochMilli()).put(idBytes).array();
  }

  static ImportJobCursor fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long millis = buffer.getLong();
    byte[] idBytes = new byte[buffer.remaining()];
    buffer.get(idBytes);
    return new ImportJobCursor(Instant.ofEpochMilli(millis), new String(idBytes, StandardCharsets.US_ASCII));
  }
}
