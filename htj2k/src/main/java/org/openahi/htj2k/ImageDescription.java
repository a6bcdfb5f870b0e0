package org.openahi.htj2k;

/**
 * The image an encoder is given: size, number of components (1 grey, 3 colour), the bits that carry each sample
 * (DICOM Bits Stored) and whether samples are two's complement (DICOM Pixel Representation 1).
 */
public record ImageDescription(int width, int height, int components, int bitsStored, boolean signed) {

    /** Bytes one sample takes in DICOM native pixel data and in this codec's raw layout: 1 up to 8 bits, else 2. */
    public int bytesPerSample() {
        return bitsStored > 8 ? 2 : 1;
    }

    /** Size of one frame in the native layout: samples little-endian, components interleaved. */
    public long nativeFrameBytes() {
        return (long) width * height * components * bytesPerSample();
    }
}
