package org.openahi.htj2k.ht;

/**
 * The bit accumulator the HT streams read from, LSB first: at least 32 valid bits after {@link #peek()}, refilled
 * by each stream's own byte order and unstuffing rule.
 */
abstract class LsbBits {

    long acc;
    int count;

    /** The next 32 bits, LSB first. */
    final int peek() {
        if (count < 32) {
            refill();
        }
        return (int) acc;
    }

    final void advance(int bits) {
        acc >>>= bits;
        count -= bits;
    }

    /** Adds whole bytes until more than 48 bits are held. */
    abstract void refill();
}
