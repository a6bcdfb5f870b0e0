package org.openahi.htj2k;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.openahi.htj2k.codestream.Codestream;
import org.openahi.htj2k.codestream.CodingStyle;
import org.openahi.htj2k.codestream.ComponentLayout;
import org.openahi.htj2k.codestream.ComponentLayout.Band;
import org.openahi.htj2k.codestream.ComponentLayout.Resolution;
import org.openahi.htj2k.codestream.Quantization;
import org.openahi.htj2k.codestream.Siz;
import org.openahi.htj2k.codestream.TileCoding;
import org.openahi.htj2k.colour.Ict;
import org.openahi.htj2k.colour.Rct;
import org.openahi.htj2k.dwt.Wavelet53;
import org.openahi.htj2k.dwt.Wavelet97;
import org.openahi.htj2k.ebcot.EbcotBlockDecoder;
import org.openahi.htj2k.ht.HtBlockDecoder;
import org.openahi.htj2k.tier2.CodeBlock;
import org.openahi.htj2k.tier2.Precinct;
import org.openahi.htj2k.tier2.TilePackets;

/**
 * Decodes a parsed codestream tile by tile: packets, HT code-blocks, dequantisation, inverse wavelet, inverse
 * component transform, DC level shift and clamping into the interleaved output. Buffers grow to the largest
 * tile-component seen and are kept for the next image; not thread-safe.
 */
final class FrameDecoder {

    /** More tile-components than this are refused: each costs set-up work even when it holds no samples. */
    private static final long MAX_TILE_COMPONENTS = 1 << 18;
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class,
        ByteOrder.LITTLE_ENDIAN);

    private final long maxSamples;
    private final HtBlockDecoder blocks = new HtBlockDecoder();
    private final EbcotBlockDecoder ebcot = new EbcotBlockDecoder();
    private int[] segmentLengths = new int[4];
    private int[] segmentPasses = new int[4];
    private int[][] ints = new int[0][];
    private float[][] floats = new float[0][];
    private int[] intScratch = new int[0];
    /** Reversible coefficients of the component being decoded, and the outputs of its inverse wavelet levels. */
    private int[] coefficients = new int[0];
    private final int[][] levelOutputs = {new int[0], new int[0]};
    /** One row of irreversible output values, rounded, before they are stored. */
    private int[] rowScratch = new int[0];
    private float[] floatScratch = new float[0];
    private int[] blockScratch = new int[4096];
    private byte[] segmentScratch = new byte[0];
    /** The packets of the tile being decoded; code-block segment offsets point into it. */
    private byte[] tileData;

    FrameDecoder(long maxSamples) {
        this.maxSamples = maxSamples;
    }

    static CodestreamInfo info(Codestream cs) {
        Siz siz = cs.siz();
        Siz.Component c0 = siz.components().get(0);
        TileCoding coding = cs.tiles().get(0).coding();
        CodingStyle style = coding.styles().get(0);
        return new CodestreamInfo(siz.width() - siz.x0(), siz.height() - siz.y0(), siz.components().size(),
            c0.depth(), c0.signed(), style.levels(), Progression.values()[coding.progression()], coding.layers(),
            style.reversible(), coding.mct(), 1 << style.xcb(), 1 << style.ycb(), cs.tiles().size(),
            cs.tileParts(), cs.tlm(), style.ht(), cs.complete());
    }

    DecodedImage decode(Codestream cs, int discard) throws Htj2kException {
        Siz siz = cs.siz();
        List<Siz.Component> comps = siz.components();
        Siz.Component c0 = comps.get(0);
        for (Siz.Component c : comps) {
            if (c.depth() != c0.depth() || c.signed() != c0.signed() || c.dx() != c0.dx() || c.dy() != c0.dy()) {
                throw new Htj2kException(0x0501, "components differ in bit depth, signedness or sub-sampling; "
                    + "only images whose components agree are decoded");
            }
        }
        if (c0.depth() > 16) {
            throw new Htj2kException(0x0502, "bit depth " + c0.depth() + " is above the 16 bits this decoder "
                + "returns");
        }
        if (discard < 0 || discard > 32) {
            throw new Htj2kException(0x0503, "resolution level " + discard + " is outside 0..32");
        }
        int originX = ComponentLayout.ceilShift(Siz.ceilDiv(siz.x0(), c0.dx()), discard);
        int originY = ComponentLayout.ceilShift(Siz.ceilDiv(siz.y0(), c0.dy()), discard);
        int width = ComponentLayout.ceilShift(Siz.ceilDiv(siz.width(), c0.dx()), discard) - originX;
        int height = ComponentLayout.ceilShift(Siz.ceilDiv(siz.height(), c0.dy()), discard) - originY;
        long total = (long) width * height * comps.size();
        if (total > maxSamples) {
            throw new Htj2kException(0x0504, "image of " + width + "x" + height + "x" + comps.size()
                + " samples is larger than the limit of " + maxSamples);
        }
        long tileComponents = (long) cs.tiles().size() * comps.size();
        if (tileComponents > MAX_TILE_COMPONENTS) {
            throw new Htj2kException(0x0510, "codestream has " + tileComponents + " tile-components, more "
                + "than the " + MAX_TILE_COMPONENTS + " this decoder accepts");
        }
        byte[] out = new byte[(int) total * (c0.depth() > 8 ? 2 : 1)];
        for (Codestream.Tile tile : cs.tiles()) {
            decodeTile(siz, tile, discard, out, width, originX, originY);
        }
        return new DecodedImage(info(cs), width, height, discard, out);
    }

    private void decodeTile(Siz siz, Codestream.Tile tile, int discard, byte[] out, int width, int originX,
                            int originY) throws Htj2kException {
        TileCoding coding = tile.coding();
        int n = siz.components().size();
        int[] area = siz.tileArea(tile.index());
        ComponentLayout[] layouts = new ComponentLayout[n];
        int[] target = new int[n];
        boolean ht = coding.styles().get(0).ht();
        for (int c = 0; c < n; c++) {
            CodingStyle style = coding.styles().get(c);
            if (style.mixed()) {
                throw new Htj2kException(0x0505, "component " + c + " of tile " + tile.index() + " uses HT MIXED "
                    + "code-blocks (HT and Part 1 sets in one block), which this decoder does not decode");
            }
            if (style.ht() != ht) {
                throw new Htj2kException(0x0511, "tile " + tile.index() + " mixes HT and Part 1 code-blocks "
                    + "across components");
            }
            if (ht && coding.roiShifts()[c] != 0) {
                throw new Htj2kException(0x0512, "region of interest (RGN) with HT code-blocks is not supported");
            }
            if (style.levels() < discard) {
                throw new Htj2kException(0x0506, "resolution level " + discard + " is below the "
                    + style.levels() + " decomposition levels of tile " + tile.index() + ", component " + c);
            }
            layouts[c] = ComponentLayout.of(siz, c, area, style);
            target[c] = style.levels() - discard;
        }
        if (Arrays.stream(layouts).allMatch(l -> l.x1() == l.x0() || l.y1() == l.y0())) {
            return; // sub-sampling left this tile without samples, so without packets
        }
        TilePackets packets = TilePackets.read(siz, tile, layouts, target);
        tileData = tile.data();
        boolean reversible = coding.styles().get(0).reversible();
        for (int c = 0; c < n; c++) {
            if (coding.styles().get(c).reversible() != reversible) {
                throw new Htj2kException(0x0507, "tile " + tile.index() + " mixes reversible and irreversible "
                    + "wavelets across components");
            }
        }
        Resolution top = layouts[0].resolutions()[target[0]];
        int samples = top.width() * top.height();
        if (samples == 0) {
            return;
        }
        boolean mct = coding.mct() && n >= 3;
        if (reversible) {
            ensureInts(n, samples);
            for (int c = 0; c < n; c++) {
                decodeReversible(siz, packets, layouts[c], c, coding, target[c], ints[c]);
            }
            if (mct) {
                Rct.inverse(ints[0], ints[1], ints[2], 0, samples);
            }
        } else {
            ensureFloats(n, samples);
            for (int c = 0; c < n; c++) {
                decodeIrreversible(siz, packets, layouts[c], c, coding, target[c], floats[c]);
            }
            if (mct && ht) {
                Ict.inverse(floats[0], floats[1], floats[2], 0, samples);
            } else if (mct) {
                Ict.inverseOpenJpeg(floats[0], floats[1], floats[2], 0, samples);
            }
        }
        Siz.Component comp = siz.components().get(0);
        int depth = comp.depth();
        int shift = comp.signed() ? 0 : 1 << (depth - 1);
        // HTJ2K: values are clamped to the sample container (8 or 16 bits), as OpenJPH-based viewers store them;
        // Part 1: to the bit depth, as OpenJPEG does. Only reduced resolutions and lossy images ever leave the bit
        // depth's own range.
        int bytes = depth > 8 ? 2 : 1;
        int bits = ht ? 8 * bytes : depth;
        int min = comp.signed() ? -(1 << (bits - 1)) : 0;
        int max = comp.signed() ? (1 << (bits - 1)) - 1 : (int) ((1L << bits) - 1);
        float low = -(1 << (depth - 1));
        float high = 1 << (depth - 1);
        int w = top.width();
        if (!reversible && rowScratch.length < w) {
            rowScratch = new int[w];
        }
        for (int c = 0; c < n; c++) {
            for (int y = 0; y < top.height(); y++) {
                int o = (((top.y0() + y - originY) * width + (top.x0() - originX)) * n + c) * bytes;
                if (reversible) {
                    storeClamped(ints[c], y * w, w, shift, min, max, out, o, n * bytes, bytes);
                } else {
                    float[] src = floats[c];
                    if (ht) {
                        for (int x = 0; x < w; x++) {
                            rowScratch[x] = toInteger(src[y * w + x], low, high);
                        }
                    } else {
                        for (int x = 0; x < w; x++) {
                            rowScratch[x] = roundHalfEven(src[y * w + x]);
                        }
                    }
                    storeClamped(rowScratch, 0, w, shift, min, max, out, o, n * bytes, bytes);
                }
            }
        }
    }

    /**
     * Stores {@code count} values from {@code src[at]} on, plus {@code shift} and clamped to [min, max], little-endian
     * with {@code bytes} each, {@code step} bytes apart.
     */
    private static void storeClamped(int[] src, int at, int count, int shift, int min, int max, byte[] out,
                                     int offset, int step, int bytes) {
        if (bytes == 1) {
            for (int x = 0, o = offset; x < count; x++, o += step) {
                out[o] = (byte) Math.min(max, Math.max(min, src[at + x] + shift));
            }
        } else {
            for (int x = 0, o = offset; x < count; x++, o += step) {
                SHORT_LE.set(out, o, (short) Math.min(max, Math.max(min, src[at + x] + shift)));
            }
        }
    }

    /**
     * Rounds half away from zero in single precision and keeps the result within [-2^(B-1), 2^(B-1)], the way
     * OpenJPH converts irreversible samples.
     */
    private static int toInteger(float t, float low, float high) {
        int v = (int) (t + (t >= 0f ? 0.5f : -0.5f));
        if (!(t >= low)) {
            v = (int) low;
        }
        if (!(t < high)) {
            v = (int) high - 1;
        }
        return v;
    }

    /**
     * Rounds half to even (C's lrintf), saturating to the int range, as OpenJPEG turns irreversible samples into
     * integers; the clamp to the bit depth follows.
     */
    private static int roundHalfEven(float t) {
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, Math.rint(t)));
    }

    private void ensureInts(int n, int samples) {
        if (ints.length < n) {
            ints = Arrays.copyOf(ints, n);
        }
        for (int c = 0; c < n; c++) {
            if (ints[c] == null || ints[c].length < samples) {
                ints[c] = new int[samples];
            }
        }
    }

    private void ensureFloats(int n, int samples) {
        if (floats.length < n) {
            floats = Arrays.copyOf(floats, n);
        }
        for (int c = 0; c < n; c++) {
            if (floats[c] == null || floats[c].length < samples) {
                floats[c] = new float[samples];
            }
        }
    }

    /**
     * Decodes the code-blocks of resolutions 0..target of one component, then its wavelet, into {@code buf}. The
     * coefficients have their own buffer and each inverse level writes the next level's low-pass quadrant (the last
     * one {@code buf}) to a buffer of its own, since a level is inverted line by line out of place.
     */
    private void decodeReversible(Siz siz, TilePackets packets, ComponentLayout layout, int c, TileCoding coding,
                                  int target, int[] buf) throws Htj2kException {
        Quantization q = coding.quantization().get(c);
        int roiShift = coding.roiShifts()[c];
        Resolution[] rs = layout.resolutions();
        int stride = rs[target].width();
        int samples = stride * rs[target].height();
        if (target > 0 && coefficients.length < samples) {
            coefficients = new int[samples];
        }
        int[] coeffs = target > 0 ? coefficients : buf;
        if (!everyPrecinctRead(packets, layout, c, target)) {
            Arrays.fill(coeffs, 0, samples, 0);
        }
        int depth = siz.components().get(c).depth();
        for (int r = 0; r <= target; r++) {
            forEachBlock(packets, layout, c, r, q, depth, (block, band, bitPlane, ox, oy) -> {
                if (!layout.style().ht()) {
                    decodePart1Block(block, band, bitPlane, roiShift, layout.style(), coeffs, oy * stride + ox,
                        stride);
                    for (int y = 0, h = block.y1 - block.y0; y < h; y++) {
                        int at = (oy + y) * stride + ox;
                        for (int x = at, end = at + block.x1 - block.x0; x < end; x++) {
                            coeffs[x] /= 2; // twice the magnitude plus a half step, truncated as OpenJPEG does
                        }
                    }
                } else if (!decodeBlock(block, bitPlane, layout.style(), false, coeffs, oy * stride + ox, stride)) {
                    for (int y = 0, h = block.y1 - block.y0; y < h; y++) {
                        int at = (oy + y) * stride + ox;
                        Arrays.fill(coeffs, at, at + block.x1 - block.x0, 0);
                    }
                }
            });
        }
        if (target == 0) {
            return;
        }
        int levelSamples = rs[target - 1].width() * rs[target - 1].height();
        for (int i = 0; i < 2; i++) {
            if (levelOutputs[i].length < levelSamples) {
                levelOutputs[i] = new int[levelSamples];
            }
        }
        if (intScratch.length < Wavelet53.inverseScratchSize(stride)) {
            intScratch = new int[Wavelet53.inverseScratchSize(stride)];
        }
        int[] low = coeffs;
        int lowStride = stride;
        for (int r = 1; r <= target; r++) {
            Resolution res = rs[r];
            int[] dst = r == target ? buf : levelOutputs[r & 1];
            int dstStride = r == target ? stride : res.width();
            Wavelet53.inverse(low, 0, lowStride, coeffs, 0, stride, dst, 0, dstStride, res.width(), res.height(),
                res.x0() & 1, res.y0() & 1, intScratch);
            low = dst;
            lowStride = dstStride;
        }
    }

    private void decodeIrreversible(Siz siz, TilePackets packets, ComponentLayout layout, int c, TileCoding coding,
                                    int target, float[] buf) throws Htj2kException {
        Quantization q = coding.quantization().get(c);
        int roiShift = coding.roiShifts()[c];
        boolean ht = layout.style().ht();
        Resolution[] rs = layout.resolutions();
        int stride = rs[target].width();
        Arrays.fill(buf, 0, stride * rs[target].height(), 0f);
        int depth = siz.components().get(c).depth();
        int levels = layout.style().levels();
        for (int r = 0; r <= target; r++) {
            forEachBlock(packets, layout, c, r, q, depth, (block, band, bitPlane, ox, oy) -> {
                int w = block.x1 - block.x0;
                int h = block.y1 - block.y0;
                float step;
                if (ht) {
                    if (!decodeBlock(block, bitPlane, layout.style(), true, blockScratch, 0, w)) {
                        return;
                    }
                    step = stepSize(q, band, depth, levels) * 0.5f;
                } else {
                    decodePart1Block(block, band, bitPlane, roiShift, layout.style(), blockScratch, 0, w);
                    step = 0.5f * openJpegStepSize(q, band, depth, levels);
                }
                for (int y = 0; y < h; y++) {
                    int o = (oy + y) * stride + ox;
                    for (int x = 0; x < w; x++) {
                        buf[o + x] = blockScratch[y * w + x] * step;
                    }
                }
            });
        }
        if (floatScratch.length < Wavelet97.scratchSize(stride, rs[target].height())) {
            floatScratch = new float[Wavelet97.scratchSize(stride, rs[target].height())];
        }
        for (int r = 1; r <= target; r++) {
            Resolution res = rs[r];
            if (ht) {
                Wavelet97.inverse(buf, 0, stride, res.width(), res.height(), res.x0() & 1, res.y0() & 1,
                    floatScratch);
            } else {
                Wavelet97.inverseOpenJpeg(buf, 0, stride, res.width(), res.height(), res.x0() & 1, res.y0() & 1,
                    floatScratch);
            }
        }
    }

    /** Whether every precinct of resolutions 0..target had a packet, so every code-block writes its own area. */
    private static boolean everyPrecinctRead(TilePackets packets, ComponentLayout layout, int c, int target) {
        for (int r = 0; r <= target; r++) {
            for (int k = 0; k < layout.resolutions()[r].precinctCount(); k++) {
                if (packets.precinct(c, r, k) == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The quantisation step of a subband (T.800 E-3): 2^(R_b - epsilon_b) (1 + mu_b / 2^11). */
    private static float stepSize(Quantization q, Band band, int depth, int levels) {
        int gain = switch (band.orientation()) {
            case ComponentLayout.LL -> 0;
            case ComponentLayout.HH -> 2;
            default -> 1;
        };
        int exponent = q.exponent(band.index(), levels);
        return (float) (Math.pow(2, depth + gain - exponent) * (1 + q.mantissa(band.index()) / 2048.0));
    }

    /**
     * The step size as OpenJPEG's decoder computes it for Part 1 (its tcd.c): 2^(R - epsilon_b) (1 + mu_b / 2^11)
     * in double precision, then single, with no subband gain in R, since its inverse 9/7 scales high-pass samples by
     * 2/K instead of 1/K.
     */
    private static float openJpegStepSize(Quantization q, Band band, int depth, int levels) {
        int exponent = q.exponent(band.index(), levels);
        return (float) ((1.0 + q.mantissa(band.index()) / 2048.0) * Math.pow(2.0, depth - exponent));
    }

    /**
     * Decodes a Part 1 code-block into {@code dst} (twice the magnitudes, see {@link EbcotBlockDecoder}); a block
     * no packet included is zeros.
     */
    private void decodePart1Block(CodeBlock block, Band band, int magnitudeBits, int roiShift, CodingStyle style,
                                  int[] dst, int offset, int stride) throws Htj2kException {
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
        ebcot.decode(bytes, start, segmentLengths, segmentPasses, segments, w, h, band.orientation(), bitPlanes,
            roiShift, style.blockStyle(), dst, offset, stride);
    }

    @FunctionalInterface
    private interface BlockVisitor {
        void visit(CodeBlock block, Band band, int missingBitplanes, int x, int y) throws Htj2kException;
    }

    /**
     * Visits every code-block of resolution {@code r} with the number of magnitude bit-planes M_b of its band
     * (T.800 E-2: guard bits + epsilon_b - 1) and where it goes in the component buffer: subbands sit low-pass
     * first, so HL is right of, LH below and HH right of and below the resolution's LL.
     */
    private void forEachBlock(TilePackets packets, ComponentLayout layout, int c, int r, Quantization q, int depth,
                              BlockVisitor visitor) throws Htj2kException {
        Resolution res = layout.resolutions()[r];
        Resolution lower = r > 0 ? layout.resolutions()[r - 1] : null;
        int levels = layout.style().levels();
        for (int k = 0; k < res.precinctCount(); k++) {
            Precinct precinct = packets.precinct(c, r, k);
            if (precinct == null) {
                continue;
            }
            for (int b = 0; b < precinct.bandCount(); b++) {
                Band band = precinct.band(b);
                int offsetX = band.orientation() == ComponentLayout.HL || band.orientation() == ComponentLayout.HH
                    ? lower.width() : 0;
                int offsetY = band.orientation() == ComponentLayout.LH || band.orientation() == ComponentLayout.HH
                    ? lower.height() : 0;
                int magnitudeBits = q.guardBits() + q.exponent(band.index(), levels) - 1;
                for (CodeBlock block : precinct.blocks(b)) {
                    visitor.visit(block, band, magnitudeBits, offsetX + block.x0 - band.x0(),
                        offsetY + block.y0 - band.y0());
                }
            }
        }
    }

    /**
     * Decodes the last HT set of a code-block that has a non-empty cleanup segment (an HT set subsumes the ones
     * before it, T.814 clause 7.1.1) and the refinement passes that follow it.
     *
     * @return false when the block has no coded data (it is left as zeros)
     */
    private boolean decodeBlock(CodeBlock block, int magnitudeBits, CodingStyle style, boolean halfUnits, int[] dst,
                                int offset, int stride) throws Htj2kException {
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
            throw new Htj2kException(0x0508, "code-block claims " + (block.zeroBitplanes() + set)
                + " missing bit-planes of " + magnitudeBits);
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
        blocks.decode(data, block.segmentOffset(cleanup), block.segmentLength(cleanup), refData, refOffset,
            refinementLength, refinementPasses, bitPlane, style.verticallyCausal(), halfUnits, w, h, dst, offset,
            stride);
        return true;
    }
}
