package org.openahi.core.datastore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Position after the last data store of a page, in the newest-first order (createdAt, then id, descending). */
public record DatastoreCursor(Instant createdAt, String id) {

  byte[] toBytes() {
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(Long.BYTES + idBytes.length).putLong(createdAt.toEpochMilli()).put(idBytes).array();
  }

  static DatastoreCursor fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long millis = buffer.getLong();
    byte[] idBytes = new byte[buffer.remaining()];
    buffer.get(idBytes);
    return new DatastoreCursor(Instant.ofEpochMilli(millis), new String(idBytes, StandardCharsets.US_ASCII));
  }
}
