package org.openahi.bench.jpeg;

/**
 * libjpeg-turbo 2.1 and DCMTK 3.6.7's JPEG decoders in memory, through the JNI library that
 * {@code benchmarks/scripts/build-jpeg-shim.sh} builds; its path is the system property {@code jpeg.shim}.
 */
final class NativeJpeg {

    static {
        String library = System.getProperty("jpeg.shim");
        if (library == null) {
            throw new IllegalStateException("set -Djpeg.shim (benchmarks/scripts/jpeg-bench.sh does)");
        }
        System.load(library);
    }

    private NativeJpeg() {}

    /**
     * libjpeg-turbo, 8-bit only: YCbCr converted to RGB when {@code toRgb}, else kept (chroma upsampled as libjpeg
     * does by default); samples interleaved into {@code samples}.
     */
    static native void decodeTurbo(byte[] jpeg, byte[] samples, boolean toRgb);

    /**
     * DCMTK's decoder for the precision (IJG 8, 12 or 16-bit), as dcmdjpeg runs it per frame: YCbCr converted to RGB
     * when {@code ybr}; samples interleaved, 16-bit little-endian above 8 bits.
     */
    static native void decodeDcmtk(byte[] jpeg, byte[] samples, int precision, boolean ybr);
}
