package org.openahi.htj2k.pipeline;

import java.util.Arrays;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.codestream.CodingStyle;
import org.openahi.htj2k.codestream.ComponentLayout.Band;
import org.openahi.htj2k.ebcot.EbcotBlockDecoder;
import org.openahi.htj2k.ht.HtBlockDecoder;
import org.openahi.htj2k.tier2.CodeBlock;

/**
 * Decodes code-blocks, HT or Part 1, from a tile's packet data; owns the block decoders and their scratch, so one is
 * needed per thread. {@link FrameDecoder} keeps one per task it may run at once.
 */
final class BlockWorker {

    private final HtBlockDecoder blocks = new HtBlockDecoder();
    private final EbcotBlockDecoder ebcot = new EbcotBlockDecoder();
    private int[] segmentLengths = new int[4];
    private int[] segmentPasses = new int[4];
    private byte[] segmentScratch = new byte[0];
    /** One decoded irreversible code-block, before it is dequantised into the component buffer. */
    final int[] blockScratch = new int[4096];
    /** Rows in flight of an inverse wavelet level. */
    int[][] waveletScratch = new int[0][];

    /**
     * Decodes a Part 1 code-block into {@code dst} (twice the magnitudes, see {@link EbcotBlockDecoder}); a block
     * no packet included is zeros.
     */
    void decodePart1(
            byte[] tileData,
            CodeBlock block,
            Band band,
            int magnitudeBits,
            int roiShift,
            CodingStyle style,
            int[] dst,
            int offset,
            int stride)
            throws Htj2kException {
        int w = block.x1 - block.x0;
        int h = block.y1 - block.y0;
        int entries = block.segmentCount();
        if (entries == 0) {
            for (int y = 0; y < h; y++) {
                Arrays.fill(dst, offset + y * stride, offset + y * stride + w, 0);
            }
            return;
        }
        if (segmentLengths.length < entries) {
            segmentLengths = new int[entries];
            segmentPasses = new int[entries];
        }
        int segments = 0;
        int total = 0;
        boolean contiguous = true;
        for (int i = 0; i < entries; i++) {
            if (i > 0 && block.segmentOffset(i) != block.segmentOffset(i - 1) + block.segmentLength(i - 1)) {
                contiguous = false;
            }
            if (!block.segmentContinues(i)) {
                segmentLengths[segments] = 0;
                segmentPasses[segments] = 0;
                segments++;
            }
            segmentLengths[segments - 1] += block.segmentLength(i);
            segmentPasses[segments - 1] += block.segmentPasses(i);
            total += block.segmentLength(i);
        }
        byte[] bytes = tileData;
        int start = block.segmentOffset(0);
        if (!contiguous) {
            if (segmentScratch.length < total) {
                segmentScratch = new byte[total];
            }
            int at = 0;
            for (int i = 0; i < entries; i++) {
                System.arraycopy(tileData, block.segmentOffset(i), segmentScratch, at, block.segmentLength(i));
                at += block.segmentLength(i);
            }
            bytes = segmentScratch;
            start = 0;
        }
        int bitPlanes = magnitudeBits - block.zeroBitplanes();
        ebcot.decode(
                bytes,
                start,
                segmentLengths,
                segmentPasses,
                segments,
                w,
                h,
                band.orientation(),
                bitPlanes,
                roiShift,
                style.blockStyle(),
                dst,
                offset,
                stride);
    }

    /**
     * Decodes the last HT set of a code-block that has a non-empty cleanup segment (an HT set subsumes the ones
     * before it, T.814 clause 7.1.1) and the refinement passes that follow it.
     *
     * @return false when the block has no coded data (it is left as zeros)
     */
    boolean decodeHt(
            byte[] tileData,
            CodeBlock block,
            int magnitudeBits,
            CodingStyle style,
            boolean halfUnits,
            int[] dst,
            int offset,
            int stride)
            throws Htj2kException {
        int cleanup = -1;
        for (int i = block.segmentCount() - 1; i >= 0; i--) {
            int last = block.segmentFirstPass(i) + block.segmentPasses(i) - 1;
            if (last % 3 == 0 && block.segmentLength(i) > 0) {
                cleanup = i;
                break;
            }
        }
        int w = block.x1 - block.x0;
        int h = block.y1 - block.y0;
        if (cleanup < 0) {
            if (halfUnits) {
                Arrays.fill(dst, 0, w * h, 0);
            }
            return halfUnits;
        }
        int set = (block.segmentFirstPass(cleanup) + block.segmentPasses(cleanup) - 1) / 3;
        int bitPlane = magnitudeBits - 1 - block.zeroBitplanes() - set;
        if (bitPlane < 0) {
            throw new Htj2kException(
                    0x0508,
                    "code-block claims " + (block.zeroBitplanes() + set) + " missing bit-planes of " + magnitudeBits);
        }
        int refinementPasses = 0;
        int refinementLength = 0;
        int refinementFirst = -1;
        int refinementSegments = 0;
        for (int i = cleanup + 1; i < block.segmentCount(); i++) {
            int first = block.segmentFirstPass(i);
            if (first / 3 != set) {
                break;
            }
            refinementPasses = first + block.segmentPasses(i) - 1 - 3 * set;
            refinementLength += block.segmentLength(i);
            if (refinementFirst < 0) {
                refinementFirst = i;
            }
            refinementSegments++;
        }
        if (refinementLength == 0) {
            refinementPasses = 0;
        }
        byte[] data = tileData;
        byte[] refData = data;
        int refOffset = refinementFirst >= 0 ? block.segmentOffset(refinementFirst) : 0;
        if (refinementSegments > 1) {
            if (segmentScratch.length < refinementLength) {
                segmentScratch = new byte[refinementLength];
            }
            int at = 0;
            for (int i = refinementFirst; i < refinementFirst + refinementSegments; i++) {
                System.arraycopy(data, block.segmentOffset(i), segmentScratch, at, block.segmentLength(i));
                at += block.segmentLength(i);
            }
            refData = segmentScratch;
            refOffset = 0;
        }
        blocks.decode(
                data,
                block.segmentOffset(cleanup),
                block.segmentLength(cleanup),
                refData,
                refOffset,
                refinementLength,
                refinementPasses,
                bitPlane,
                style.verticallyCausal(),
                halfUnits,
                w,
                h,
                dst,
                offset,
                stride);
        return true;
    }
}
