package org.openahi.core.pixels;

/**
 * A decoder of the pixel pipeline: one frame's bytes and the pixel attributes of its data set in, the frame's
 * native pixel data out (PS3.5 §8.1.1: little-endian, BitsAllocated per sample, 1-bit frames packed from bit 0 of
 * their first byte). Implementations are thread-safe; each adapts one codec module.
 */
public interface FrameCodec {

    /**
     * The pixel attributes that describe what {@link #decode} gives for frames the data set describes as
     * {@code encoded}: the same, except where the codec changes them (components interleaved, colour transforms undone,
     * subsampled chroma at full resolution).
     */
    PixelLayout decodedLayout(PixelLayout encoded) throws UnsupportedPixelsException;

    /**
     * The frame's native pixel data as {@link #decodedLayout} describes it; an {@link UnsupportedPixelsException}
     * naming what is wrong when the bytes are not a frame the attributes describe. Memory is bounded by the size the
     * attributes declare.
     */
    byte[] decode(byte[] frame, PixelLayout encoded) throws UnsupportedPixelsException;
}
