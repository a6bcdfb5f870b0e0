package org.openahi.server.jetty;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids in AWS's form (a random UUID), without SecureRandom's cost on every request. */
final class RequestIds {
    private RequestIds() {}

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xf000L | 0x4000L;
        long low = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
