package org.openahi.core.pixels;

/**
 * Takes the verified decoded samples of a frame the ingest path has just stored, so the first client asking for it
 * uncompressed need not decode it again (DICOMweb's disk tier of decoded frames). Never blocks: work it cannot take
 * now is dropped.
 */
@FunctionalInterface
public interface DecodedFrameSink {
    DecodedFrameSink NONE = (blobKey, nativePixels) -> {};

    /**
     * @param blobKey the blob the frame is stored in
     * @param nativePixels the frame's native pixel data, exactly as a decoder of the stored frame gives it; not
     *     changed afterwards by the caller
     */
    void offer(String blobKey, byte[] nativePixels);
}
