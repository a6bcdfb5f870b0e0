package org.openahi.bench.jpegls;

/**
 * CharLS 2.4 (Debian's libcharls) in memory, through the JNI library that {@code benchmarks/scripts/build-charls-shim.sh}
 * builds; its path is the system property {@code charls.shim}. Samples in the raw layout (interleaved).
 */
final class CharLs {

    static {
        String library = System.getProperty("charls.shim");
        if (library == null) {
            throw new IllegalStateException("set -Dcharls.shim (benchmarks/scripts/jpegls-bench.sh does)");
        }
        System.load(library);
    }

    private CharLs() {}

    /** Encodes with the default preset parameters; {@code interleave} is the ILV value (0 none, 1 line, 2 sample). */
    static native byte[] encode(
            byte[] samples, int width, int height, int components, int bits, int interleave, int near);

    /** Decodes into {@code samples}, which must hold the whole frame. */
    static native void decode(byte[] code, byte[] samples);
}
