package org.openahi.htj2k;

import java.util.concurrent.ExecutorService;
import org.openahi.htj2k.codestream.Boxes;
import org.openahi.htj2k.pipeline.FrameEncoder;

/**
 * Encodes images losslessly as HTJ2K codestreams laid out the way DICOM's HTJ2K Lossless RPCL transfer syntax
 * (1.2.840.10008.1.2.4.202) and AWS HealthImaging want them: reversible 5/3 wavelet (with the RCT for colour), HT
 * cleanup pass only, one tile, one layer, 64 x 64 code-blocks, RPCL, and a TLM marker over one tile-part per
 * resolution, with as many wavelet levels as it takes to bring the smallest resolution to 64 samples or fewer.
 *
 * <p>Images of 1 or 3 components, 1 to 16 bits, unsigned or signed, any size from 1 x 1. The result is a raw
 * codestream; DICOM encapsulation pads fragments to an even length, which is the caller's business.
 *
 * <p>An instance keeps its buffers between images and is not thread-safe; use one per thread. Given an executor
 * it codes the code-blocks of one image on several threads.
 */
public final class Htj2kEncoder {

    /** Largest image, in samples (width x height x components): 4 bytes each while coding, so 1 GiB. */
    public static final long MAX_SAMPLES = FrameEncoder.MAX_SAMPLES;

    private final FrameEncoder frames;

    /** An encoder that codes on the calling thread. */
    public Htj2kEncoder() {
        this(null, 1);
    }

    /**
     * An encoder that splits each image's code-blocks over {@code parallelism} tasks: the calling thread and
     * {@code parallelism - 1} tasks on {@code executor}, which the caller owns.
     */
    public Htj2kEncoder(ExecutorService executor, int parallelism) {
        frames = new FrameEncoder(true, executor, parallelism);
    }

    /** Encodes samples in the raw layout: little-endian, 1 byte each up to 8 bits else 2, components interleaved. */
    public byte[] encode(ImageDescription image, byte[] samples) throws Htj2kException {
        return frames.encode(image, samples, 0, image.bitsStored() > 8 ? 16 : 8, 0);
    }

    /**
     * Encodes one frame of DICOM native pixel data: samples of {@code bitsAllocated} bits (1, 8 or 16; little-endian;
     * 1-bit samples packed LSB first) from byte {@code offset}, components interleaved (Planar Configuration 0).
     * Only the low Bits Stored bits of each sample count: signed samples are sign-extended from them.
     */
    public byte[] encode(ImageDescription image, byte[] frame, int offset, int bitsAllocated) throws Htj2kException {
        return frames.encode(image, frame, offset, bitsAllocated, 0);
    }

    /**
     * Encodes samples given as ints, components interleaved; each must be in the range of {@code bitsStored} bits
     * (unsigned or signed).
     */
    public byte[] encode(ImageDescription image, int[] samples) throws Htj2kException {
        return frames.encode(image, samples);
    }

    /**
     * {@link #encode(ImageDescription, byte[], int, int)} in a JPH file, the bytes {@link #wrapJph} gives, written in
     * place: the codestream is not copied into the file.
     */
    public byte[] encodeJph(ImageDescription image, byte[] frame, int offset, int bitsAllocated) throws Htj2kException {
        byte[] file = frames.encode(image, frame, offset, bitsAllocated, Boxes.JPH_HEADER);
        Boxes.writeJphHeader(
                file, image.width(), image.height(), image.components(), image.bitsStored(), image.signed());
        return file;
    }

    /**
     * Wraps a codestream of {@code image} in a JP2-family box file, as AWS HealthImaging's sample frame is (see
     * docs/htj2k.md); the decoder reads either form.
     */
    public static byte[] wrapJph(byte[] codestream, ImageDescription image) {
        return Boxes.wrapJph(
                codestream, image.width(), image.height(), image.components(), image.bitsStored(), image.signed());
    }
}
