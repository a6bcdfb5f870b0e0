package org.openahi.bench.j2k;

/**
 * OpenJPEG 2.5 (Debian's libopenjp2) in memory on one thread, through the JNI library that
 * {@code benchmarks/scripts/build-openjpeg-shim.sh} builds; its path is the system property {@code openjpeg.shim}.
 * Encodes lossless 5/3, one layer, RPCL, 64 x 64 code-blocks with the RCT for colour; samples in the raw layout.
 */
final class OpenJpeg {

    static {
        String library = System.getProperty("openjpeg.shim");
        if (library == null) {
            throw new IllegalStateException("set -Dopenjpeg.shim (benchmarks/scripts/j2k-bench.sh does)");
        }
        System.load(library);
    }

    private OpenJpeg() {}

    static native byte[] encode(
            byte[] samples, int width, int height, int components, int bits, boolean signed, int levels);

    /** Decodes a raw codestream into {@code samples}, which must hold the whole image in the raw layout. */
    static native void decode(byte[] codestream, byte[] samples);
}
