package org.openahi.core.page;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Where a newest-first page ended: the time and id of its last row. The next page starts strictly after it
 * ({@code (time, id) < (cursor.time, cursor.id)}), so its cost does not depend on how far into the list it is.
 */
public record Cursor(Instant time, String id) {

  byte[] toBytes() {
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(Long.BYTES + idBytes.length).putLong(time.toEpochMilli()).put(idBytes).array();
  }

  static Cursor fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long millis = buffer.getLong();
    byte[] idBytes = new byte[buffer.remaining()];
    buffer.get(idBytes);
    return new Cursor(Instant.ofEpochMilli(millis), new String(idBytes, StandardCharsets.US_ASCII));
  }
}
