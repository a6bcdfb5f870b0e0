package org.openahi.core.pixels;

/**
 * Takes the verified decoded samples of a frame the ingest path has just stored, so the first client asking for it
 * uncompressed need not decode it again (DICOMweb's disk tier of decoded frames). Never blocks: work it cannot take
 * now is dropped.
 */
public interface DecodedFrameSink {
    DecodedFrameSink NONE = new DecodedFrameSink() {
        @Override
        public boolean takesFrames() {
            return false;
        }

        @Override
        public void offer(String blobKey, byte[] nativePixels) {}
    };

    /**
     * Whether offers are kept at all: when not, the ingest path keeps its buffers for the next frame rather than
     * handing them over.
     */
    boolean takesFrames();

    /**
     * @param blobKey the blob the frame is stored in
     * @param nativePixels the frame's native pixel data, exactly as a decoder of the stored frame gives it; the sink's
     *     own from then on: the caller neither keeps nor changes it
     */
    void offer(String blobKey, byte[] nativePixels);
}
