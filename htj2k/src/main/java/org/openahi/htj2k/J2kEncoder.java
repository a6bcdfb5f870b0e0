package org.openahi.htj2k;

import java.util.concurrent.ExecutorService;
import org.openahi.htj2k.pipeline.FrameEncoder;

/**
 * Encodes images losslessly as JPEG 2000 Part 1 codestreams, for DICOM's JPEG 2000 Lossless transfer syntax
 * (1.2.840.10008.1.2.4.90) and AWS HealthImaging's JPEG_2000_LOSSLESS data stores: the layout of
 * {@link Htj2kEncoder} (reversible 5/3, RCT for colour, one tile, one layer, 64 x 64 code-blocks, RPCL, one
 * tile-part per resolution indexed by TLM, so a client reads a thumbnail from the first tile-parts) with EBCOT
 * code-blocks (code-block style 0: every bit-plane MQ coded, one codeword segment) and Rsiz 0.
 *
 * <p>Images of 1 or 3 components, 1 to 16 bits, unsigned or signed, any size from 1 x 1. The result is a raw
 * codestream. An instance keeps its buffers between images and is not thread-safe; use one per thread.
 */
public final class J2kEncoder {

    private final FrameEncoder frames;

    /** An encoder that codes on the calling thread. */
    public J2kEncoder() {
        this(null, 1);
    }

    /**
     * An encoder that splits each image's code-blocks over {@code parallelism} tasks: the calling thread and
     * {@code parallelism - 1} tasks on {@code executor}, which the caller owns.
     */
    public J2kEncoder(ExecutorService executor, int parallelism) {
        frames = new FrameEncoder(false, executor, parallelism);
    }

    /** Encodes samples in the raw layout: little-endian, 1 byte each up to 8 bits else 2, components interleaved. */
    public byte[] encode(ImageDescription image, byte[] samples) throws Htj2kException {
        return frames.encode(image, samples, 0, image.bitsStored() > 8 ? 16 : 8, 0);
    }

    /** One frame of DICOM native pixel data; see {@link Htj2kEncoder#encode(ImageDescription, byte[], int, int)}. */
    public byte[] encode(ImageDescription image, byte[] frame, int offset, int bitsAllocated) throws Htj2kException {
        return frames.encode(image, frame, offset, bitsAllocated, 0);
    }

    /** Samples given as ints, components interleaved, each within the range of {@code bitsStored} bits. */
    public byte[] encode(ImageDescription image, int[] samples) throws Htj2kException {
        return frames.encode(image, samples);
    }
}
