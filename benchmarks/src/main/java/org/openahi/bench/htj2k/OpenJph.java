package org.openahi.bench.htj2k;

/**
 * OpenJPH 0.9.0 (Debian's libopenjph) in memory, through the JNI library that
 * {@code benchmarks/scripts/build-openjph-shim.sh} builds; its path is the system property {@code openjph.shim}.
 * Encodes lossless 5/3, RPCL, 64 x 64 code-blocks with the RCT for colour; samples in the raw layout.
 */
final class OpenJph {

    static {
        String library = System.getProperty("openjph.shim");
        if (library == null) {
            throw new IllegalStateException("set -Dopenjph.shim (benchmarks/scripts/htj2k-bench.sh does)");
        }
        System.load(library);
    }

    private OpenJph() {}

    static native byte[] encode(
            byte[] samples, int width, int height, int components, int bits, boolean signed, int levels);

    /** Decodes into {@code samples}, which must hold the whole image in the raw layout. */
    static native void decode(byte[] codestream, byte[] samples);
}
