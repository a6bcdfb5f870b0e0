package org.openahi.core.memory;

import java.time.Instant;
import org.openahi.core.page.Cursor;

/** Where a row stands against a page's cursor, in the (time, id) order listings page through. */
final class MemoryOrder {
    private MemoryOrder() {}

    /** Whether (time, id) comes before the cursor: the rows of the next page of a newest-first listing. */
    static boolean before(Instant time, String id, Cursor cursor) {
        return compare(time.toEpochMilli(), id, cursor) < 0;
    }

    /** The row's (position, id) compared with the cursor's. */
    static int compare(long position, String id, Cursor cursor) {
        int byPosition = Long.compare(position, cursor.position());
        return byPosition != 0 ? byPosition : id.compareTo(cursor.id());
    }
}
