package org.openahi.jpegls;

/** How a scan orders the samples of its components (the ILV parameter of the SOS marker segment). */
public enum Interleave {
    /** ILV 0: one component per scan, line after line. */
    NONE,
    /** ILV 1: one line of each component in turn. */
    LINE,
    /** ILV 2: the components of each pixel in turn. */
    SAMPLE;

    /** The mode an ILV value names, or null for a value the standard does not define. */
    public static Interleave of(int ilv) {
        return switch (ilv) {
            case 0 -> NONE;
            case 1 -> LINE;
            case 2 -> SAMPLE;
            default -> null;
        };
    }
}
