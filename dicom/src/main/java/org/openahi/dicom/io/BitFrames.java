package org.openahi.dicom.io;

/**
 * Frames of 1-bit pixel data that do not start on a byte boundary (PS3.5 §8.1.1: bits fill bytes from the least
 * significant bit, frames follow each other without padding). A frame is moved to start at bit 0.
 */
final class BitFrames {

    private BitFrames() {}

    /**
     * The {@code bits} bits of {@code bytes} starting at bit {@code shift} of byte 0, as a new array whose unused
     * high bits of the last byte are zero.
     */
    static byte[] align(byte[] bytes, int shift, long bits) {
        byte[] out = new byte[(int) ((bits + 7) / 8)];
        for (int i = 0; i < out.length; i++) {
            int low = (bytes[i] & 0xFF) >>> shift;
            int high = shift == 0 || i + 1 >= bytes.length ? 0 : (bytes[i + 1] & 0xFF) << (8 - shift);
            out[i] = (byte) (low | high);
        }
        int tail = (int) (bits % 8);
        if (tail != 0) {
            out[out.length - 1] &= (byte) ((1 << tail) - 1);
        }
        return out;
    }
}
