package org.openahi.core.page;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Where a page ended: the sort value (a time in epoch milliseconds, a version number, ...) and id of its last row.
 * The next page starts strictly after it in the listing's order, so its cost does not depend on how far into the
 * list it is.
 */
public record Cursor(long position, String id) {

    /** The cursor of a row sorted by time. */
    public static Cursor at(Instant time, String id) {
        return new Cursor(time.toEpochMilli(), id);
    }

    byte[] toBytes() {
        byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(Long.BYTES + idBytes.length)
                .putLong(position)
                .put(idBytes)
                .array();
    }

    static Cursor fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = buffer.getLong();
        byte[] idBytes = new byte[buffer.remaining()];
        buffer.get(idBytes);
        return new Cursor(position, new String(idBytes, StandardCharsets.US_ASCII));
    }
}
