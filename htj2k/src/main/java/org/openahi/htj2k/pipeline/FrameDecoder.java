package org.openahi.htj2k.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.openahi.htj2k.CodestreamInfo;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.Progression;
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
import org.openahi.htj2k.tier2.CodeBlock;
import org.openahi.htj2k.tier2.Precinct;
import org.openahi.htj2k.tier2.TilePackets;

/**
 * Decodes a parsed codestream tile by tile: packets, HT code-blocks, dequantisation, inverse wavelet, inverse
 * component transform, DC level shift and clamping into the interleaved output. Buffers grow to the largest
 * tile-component seen and are kept for the next image; not thread-safe. Given an executor, the code-blocks of a
 * component and the rows of each large inverse wavelet level are decoded on several threads, each writing its own
 * part of the buffers, so the output is the same as on one.
 */
public final class FrameDecoder {

    /** More tile-components than this are refused: each costs set-up work even when it holds no samples. */
    private static final long MAX_TILE_COMPONENTS = 1 << 18;

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Inverse wavelet levels smaller than this many samples are not split between threads. */
    private static final int PARALLEL_LEVEL_SAMPLES = 1 << 16;

    private final long maxSamples;
    private final ParallelJobs jobs;
    private final BlockWorker[] workers;
    private int[][] ints = new int[0][];
    private float[][] floats = new float[0][];
    /** Reversible coefficients of the component being decoded, and the outputs of its inverse wavelet levels. */
    private int[] coefficients = new int[0];

    private final int[][] levelOutputs = {new int[0], new int[0]};
    /** The outputs of the lower inverse wavelet levels as packed rows ({@link #decodeWithLastLevelInRing}). */
    private final byte[][] packedLevelOutputs = {new byte[0], new byte[0]};
    /** The rows in flight of the level below the last when the last pulls its LL rows from it. */
    private int[][] pulledScratch = new int[0][];
    /** The last level's subbands, two code-block rows of each kind ({@link #decodeWithLastLevelInRing}). */
    private int[] ring = new int[0];
    /** One row of output values before they are stored: irreversible ones rounded, or split reversible ones. */
    private int[] rowScratch = new int[0];

    private float[] floatScratch = new float[0];
    /** The packets of the tile being decoded; code-block segment offsets point into it. */
    private byte[] tileData;

    /**
     * A decoder whose code-blocks and inverse wavelet rows are shared out over {@code parallelism} tasks: the
     * calling thread and {@code parallelism - 1} on {@code executor} (null when parallelism is 1).
     */
    public FrameDecoder(long maxSamples, ExecutorService executor, int parallelism) {
        this.maxSamples = maxSamples;
        this.jobs = new ParallelJobs(executor, parallelism);
        this.workers = new BlockWorker[parallelism];
        for (int i = 0; i < parallelism; i++) {
            workers[i] = new BlockWorker();
        }
    }

    public static CodestreamInfo info(Codestream cs) {
        Siz siz = cs.siz();
        Siz.Component c0 = siz.components().get(0);
        TileCoding coding = cs.tiles().get(0).coding();
        CodingStyle style = coding.styles().get(0);
        return new CodestreamInfo(
                siz.width() - siz.x0(),
                siz.height() - siz.y0(),
                siz.components().size(),
                c0.depth(),
                c0.signed(),
                style.levels(),
                Progression.values()[coding.progression()],
                coding.layers(),
                style.reversible(),
                coding.mct(),
                1 << style.xcb(),
                1 << style.ycb(),
                cs.tiles().size(),
                cs.tileParts(),
                cs.tlm(),
                style.ht(),
                cs.complete());
    }

    /** A decoded image: interleaved native samples at the resolution left after {@code discardedLevels}. */
    public record Decoded(CodestreamInfo info, int width, int height, int discardedLevels, byte[] nativeBytes) {}

    /**
     * Decodes at the resolution left after {@code discard} levels into {@code reuse} when its length is the decoded
     * image's (the tiles cover the image, so every byte of it is written), else into a new array; {@code reuse} may be
     * null.
     */
    public Decoded decode(Codestream cs, int discard, byte[] reuse) throws Htj2kException {
        Siz siz = cs.siz();
        List<Siz.Component> comps = siz.components();
        Siz.Component c0 = comps.get(0);
        for (Siz.Component c : comps) {
            if (c.depth() != c0.depth() || c.signed() != c0.signed() || c.dx() != c0.dx() || c.dy() != c0.dy()) {
                throw new Htj2kException(
                        0x0501,
                        "components differ in bit depth, signedness or sub-sampling; "
                                + "only images whose components agree are decoded");
            }
        }
        if (c0.depth() > 16) {
            throw new Htj2kException(
                    0x0502, "bit depth " + c0.depth() + " is above the 16 bits this decoder " + "returns");
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
            throw new Htj2kException(
                    0x0504,
                    "image of " + width + "x" + height + "x" + comps.size() + " samples is larger than the limit of "
                            + maxSamples);
        }
        long tileComponents = (long) cs.tiles().size() * comps.size();
        if (tileComponents > MAX_TILE_COMPONENTS) {
            throw new Htj2kException(
                    0x0510,
                    "codestream has " + tileComponents + " tile-components, more " + "than the " + MAX_TILE_COMPONENTS
                            + " this decoder accepts");
        }
        int length = (int) total * (c0.depth() > 8 ? 2 : 1);
        byte[] out = reuse != null && reuse.length == length ? reuse : new byte[length];
        for (Codestream.Tile tile : cs.tiles()) {
            decodeTile(siz, tile, discard, out, width, originX, originY);
        }
        return new Decoded(info(cs), width, height, discard, out);
    }

    private void decodeTile(Siz siz, Codestream.Tile tile, int discard, byte[] out, int width, int originX, int originY)
            throws Htj2kException {
        TileCoding coding = tile.coding();
        int n = siz.components().size();
        int[] area = siz.tileArea(tile.index());
        ComponentLayout[] layouts = new ComponentLayout[n];
        int[] target = new int[n];
        boolean ht = coding.styles().get(0).ht();
        for (int c = 0; c < n; c++) {
            CodingStyle style = coding.styles().get(c);
            if (style.mixed()) {
                throw new Htj2kException(
                        0x0505,
                        "component " + c + " of tile " + tile.index() + " uses HT MIXED "
                                + "code-blocks (HT and Part 1 sets in one block), which this decoder does not decode");
            }
            if (style.ht() != ht) {
                throw new Htj2kException(
                        0x0511, "tile " + tile.index() + " mixes HT and Part 1 code-blocks " + "across components");
            }
            if (ht && coding.roiShifts()[c] != 0) {
                throw new Htj2kException(0x0512, "region of interest (RGN) with HT code-blocks is not supported");
            }
            if (style.levels() < discard) {
                throw new Htj2kException(
                        0x0506,
                        "resolution level " + discard + " is below the " + style.levels()
                                + " decomposition levels of tile " + tile.index() + ", component " + c);
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
                throw new Htj2kException(
                        0x0507,
                        "tile " + tile.index() + " mixes reversible and irreversible " + "wavelets across components");
            }
        }
        Resolution top = layouts[0].resolutions()[target[0]];
        int samples = top.width() * top.height();
        if (samples == 0) {
            return;
        }
        boolean mct = coding.mct() && n >= 3;
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
        int w = top.width();
        if (reversible && !mct) {
            // each component's rows go from its last wavelet level straight into the output
            for (int c = 0; c < n; c++) {
                int component = c;
                decodeReversible(
                        packets,
                        layouts[c],
                        c,
                        coding,
                        target[c],
                        null,
                        (y, row, at) -> storeClampedSplit(
                                row,
                                at,
                                w,
                                shift,
                                min,
                                max,
                                out,
                                (((top.y0() + y - originY) * width + (top.x0() - originX)) * n + component) * bytes,
                                n * bytes,
                                bytes));
            }
            return;
        }
        if (reversible) {
            ensureInts(n, samples);
            for (int c = 0; c < n; c++) {
                decodeReversible(packets, layouts[c], c, coding, target[c], ints[c], null);
            }
            Rct.inverse(ints[0], ints[1], ints[2], 0, samples);
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
        float low = -(1 << (depth - 1));
        float high = 1 << (depth - 1);
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
    private static void storeClamped(
            int[] src, int at, int count, int shift, int min, int max, byte[] out, int offset, int step, int bytes) {
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
     * {@link #storeClamped} for a split row ({@link Wavelet53.RowSink}): the samples of even columns from
     * {@code src[at]} on, then those of odd columns. Two samples are stored at a time, a 32-bit word for one
     * component of 16 bits, so that C2 vectorises the loop.
     */
    private static void storeClampedSplit(
            int[] src, int at, int count, int shift, int min, int max, byte[] out, int offset, int step, int bytes) {
        int odds = at + Wavelet53.splitRowEvens(count);
        int pairs = count >> 1;
        if (bytes == 2 && step == 2) {
            for (int i = 0; i < pairs; i++) {
                int even = Math.min(max, Math.max(min, src[at + i] + shift));
                int odd = Math.min(max, Math.max(min, src[odds + i] + shift));
                INT_LE.set(out, offset + 4 * i, even & 0xFFFF | odd << 16);
            }
        } else if (bytes == 1 && step == 1) {
            for (int i = 0; i < pairs; i++) {
                int even = Math.min(max, Math.max(min, src[at + i] + shift));
                int odd = Math.min(max, Math.max(min, src[odds + i] + shift));
                SHORT_LE.set(out, offset + 2 * i, (short) (even & 0xFF | odd << 8));
            }
        } else {
            storeClamped(src, at, pairs, shift, min, max, out, offset, 2 * step, bytes);
            storeClamped(src, odds, pairs, shift, min, max, out, offset + step, 2 * step, bytes);
        }
        if ((count & 1) != 0) {
            storeClamped(src, at + pairs, 1, shift, min, max, out, offset + (count - 1) * step, step, bytes);
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
     * Decodes the code-blocks of resolutions 0..target of one component, then its wavelet, into {@code buf}, or,
     * when {@code rows} is given, handing the component's rows to it, split ({@link Wavelet53.RowSink}). The coefficients have their own buffer and
     * each inverse level writes the next level's low-pass quadrant to a buffer of its own, since a level is inverted
     * line by line out of place.
     */
    private void decodeReversible(
            TilePackets packets,
            ComponentLayout layout,
            int c,
            TileCoding coding,
            int target,
            int[] buf,
            Wavelet53.RowSink rows)
            throws Htj2kException {
        Quantization q = coding.quantization().get(c);
        int roiShift = coding.roiShifts()[c];
        Resolution[] rs = layout.resolutions();
        int stride = rs[target].width();
        int samples = stride * rs[target].height();
        if ((target > 0 || rows != null) && coefficients.length < samples) {
            coefficients = new int[samples];
        }
        int[] coeffs = target > 0 || rows != null ? coefficients : buf;
        boolean everyPrecinct = everyPrecinctRead(packets, layout, c, target);
        if (!everyPrecinct) {
            Arrays.fill(coeffs, 0, samples, 0);
        }
        List<BlockJob> blocks = blockJobs(packets, layout, c, target, q);
        CodingStyle style = layout.style();
        if (rows != null && target > 0 && everyPrecinct && jobs.parallelism() == 1) {
            List<List<BlockJob>> blockRows = lastLevelBlockRows(blocks, rs[target], rs[target - 1], style);
            if (blockRows != null) {
                try {
                    decodeWithLastLevelInRing(blocks, blockRows, rs, target, roiShift, style, coeffs, stride, rows);
                    return;
                } catch (Htj2kException e) {
                    // decoded again in the order of the other path below, so that the same error ends the decode
                }
            }
        }
        byte[] data = tileData;
        jobs.run(blocks.size(), (w, i) -> decodeBlock(w, blocks.get(i), roiShift, style, data, coeffs, stride));
        if (target == 0) {
            // no wavelet level: the rows are split here as the last level would hand them on
            if (rowScratch.length < stride) {
                rowScratch = new int[stride];
            }
            int[] split = rowScratch;
            int evens = Wavelet53.splitRowEvens(stride);
            for (int y = 0; rows != null && y < rs[0].height(); y++) {
                for (int x = 0; x < stride; x++) {
                    split[(x >> 1) + (x & 1) * evens] = coeffs[y * stride + x];
                }
                rows.row(y, split, 0);
            }
            return;
        }
        int levelSamples = rs[target - 1].width() * rs[target - 1].height();
        for (int i = 0; i < 2; i++) {
            if (levelOutputs[i].length < levelSamples) {
                levelOutputs[i] = new int[levelSamples];
            }
        }
        for (BlockWorker worker : workers) {
            if (!Wavelet53.inverseScratchFits(worker.waveletScratch, stride)) {
                worker.waveletScratch = Wavelet53.inverseScratch(stride);
            }
        }
        int[] low = coeffs;
        int lowStride = stride;
        for (int r = 1; r <= target; r++) {
            Resolution res = rs[r];
            int[] dst = r == target ? buf : levelOutputs[r & 1];
            int dstStride = r == target ? stride : res.width();
            int height = res.height();
            int parts = (long) res.width() * height < PARALLEL_LEVEL_SAMPLES ? 1 : jobs.parallelism();
            Wavelet53.LevelSources level = levelSources(low, null, lowStride, coeffs, stride, res);
            if (r == target && rows != null) {
                jobs.run(
                        parts,
                        (w, i) -> Wavelet53.inverse(
                                level, height * i / parts, height * (i + 1) / parts, workers[w].waveletScratch, rows));
                return;
            }
            jobs.run(
                    parts,
                    (w, i) -> Wavelet53.inverse(
                            level,
                            dst,
                            0,
                            dstStride,
                            height * i / parts,
                            height * (i + 1) / parts,
                            workers[w].waveletScratch));
            low = dst;
            lowStride = dstStride;
        }
    }

    /** Decodes one reversible code-block into {@code coeffs} from {@code job.y() * stride + job.x()} on. */
    private void decodeBlock(
            int w, BlockJob job, int roiShift, CodingStyle style, byte[] data, int[] coeffs, int stride)
            throws Htj2kException {
        decodeBlock(w, job, roiShift, style, data, coeffs, job.y() * stride + job.x(), stride);
    }

    private void decodeBlock(
            int w, BlockJob job, int roiShift, CodingStyle style, byte[] data, int[] coeffs, int at, int stride)
            throws Htj2kException {
        if (!style.ht()) {
            workers[w].decodePart1(
                    data, job.block(), job.band(), job.magnitudeBits(), roiShift, style, coeffs, at, stride);
            for (int y = 0; y < job.height(); y++) {
                for (int x = at + y * stride, end = x + job.width(); x < end; x++) {
                    coeffs[x] /= 2; // twice the magnitude plus a half step, truncated as OpenJPEG does
                }
            }
        } else if (!workers[w].decodeHt(data, job.block(), job.magnitudeBits(), style, false, coeffs, at, stride)) {
            for (int y = 0; y < job.height(); y++) {
                Arrays.fill(coeffs, at + y * stride, at + y * stride + job.width(), 0);
            }
        }
    }

    /**
     * The code-blocks of the last resolution's three subbands grouped by code-block row (row j: band rows from
     * j * 2^ycb on, of HL, LH and HH alike), or null when a block does not start on such a row or is taller (a
     * band whose origin is not on the code-block grid), so that a ring of two code-block rows holds them; null too
     * for a level of fewer than two rows or than four code-block rows' height.
     */
    private static List<List<BlockJob>> lastLevelBlockRows(
            List<BlockJob> blocks, Resolution top, Resolution below, CodingStyle style) {
        int blockHeight = 1 << style.ycb();
        int height = top.height();
        // the ring (2 x 2 code-block rows of the level's width) must be no larger than the level: a tall code-block
        // on a wide, short image would otherwise ask for far more memory than the image
        if (height < 2 || top.width() < 1 || 4L * blockHeight * top.width() > (long) top.width() * height) {
            return null;
        }
        int lowRows = below.height();
        List<List<BlockJob>> byRow = new ArrayList<>();
        for (int n = (Math.max(lowRows, height - lowRows) + blockHeight - 1) / blockHeight; n > 0; n--) {
            byRow.add(new ArrayList<>());
        }
        for (BlockJob job : blocks) {
            if (!inResolution(job, top)) {
                continue;
            }
            int bandRow = job.block().y0 - job.band().y0();
            if (bandRow % blockHeight != 0 || job.height() > blockHeight || bandRow / blockHeight >= byRow.size()) {
                return null;
            }
            byRow.get(bandRow / blockHeight).add(job);
        }
        return byRow;
    }

    /** Resolution {@code res} of a plane {@code stride} wide, its LL quadrant the level below's output. */
    private static Wavelet53.LevelSources levelSources(
            int[] low, byte[] packedLow, int lowStride, int[] coeffs, int stride, Resolution res) {
        return new Wavelet53.LevelSources(
                low, packedLow, 0, lowStride, coeffs, 0, stride, res.width(), res.height(), res.x0() & 1, res.y0() & 1);
    }

    private static boolean inResolution(BlockJob job, Resolution res) {
        for (Band band : res.bands()) {
            if (band.equals(job.band())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #decodeReversible} handing rows on, on one thread, for a frame whose last resolution's code-blocks
     * {@link #lastLevelBlockRows} found on the code-block grid: the lower resolutions' code-blocks and wavelet levels
     * as on the other path, then the last resolution's code-blocks a code-block row at a time into a ring of two
     * such rows, each row followed by the output rows of the last level that it completes. The ring stays in the
     * cache where the other path writes the subbands to the whole coefficient plane and reads them back after.
     */
    private void decodeWithLastLevelInRing(
            List<BlockJob> blocks,
            List<List<BlockJob>> blockRows,
            Resolution[] rs,
            int target,
            int roiShift,
            CodingStyle style,
            int[] coeffs,
            int stride,
            Wavelet53.RowSink rows)
            throws Htj2kException {
        byte[] data = tileData;
        for (BlockJob job : blocks) {
            if (!inResolution(job, rs[target])) {
                decodeBlock(0, job, roiShift, style, data, coeffs, stride);
            }
        }
        int[][] scratch = workers[0].waveletScratch;
        if (!Wavelet53.inverseScratchFits(scratch, stride)) {
            scratch = workers[0].waveletScratch = Wavelet53.inverseScratch(stride);
        }
        int[] low = coeffs;
        byte[] packedLow = null;
        Wavelet53.Pulled pulled = null;
        int lowStride = stride;
        // the lower levels' outputs in packed rows, which C2 stores two samples at a time, the level below the last
        // pulled by it a row at a time rather than stored whole
        boolean packed = Wavelet53.packedFits(stride)
                && 4L * rs[target - 1].width() * rs[target - 1].height() <= Integer.MAX_VALUE - 8;
        for (int r = 1; r < target; r++) {
            Resolution res = rs[r];
            int needed = res.width() * res.height();
            if (packed && r == target - 1 && needed > 0) {
                if (!Wavelet53.inverseScratchFits(pulledScratch, stride)) {
                    pulledScratch = Wavelet53.inverseScratch(stride);
                }
                pulled = Wavelet53.pulled(levelSources(low, packedLow, lowStride, coeffs, stride, res), pulledScratch);
                break;
            }
            if (packed) {
                byte[] dst = packedLevelOutputs[r & 1];
                if (dst.length < 4L * needed) {
                    dst = packedLevelOutputs[r & 1] = new byte[4 * needed];
                }
                Wavelet53.inversePacked(
                        levelSources(low, packedLow, lowStride, coeffs, stride, res), dst, 0, res.width(), scratch);
                low = null;
                packedLow = dst;
                lowStride = res.width();
                continue;
            }
            int[] dst = levelOutputs[r & 1];
            if (dst.length < needed) {
                dst = levelOutputs[r & 1] = new int[needed];
            }
            Wavelet53.inverse(
                    levelSources(low, null, lowStride, coeffs, stride, res),
                    dst,
                    0,
                    res.width(),
                    0,
                    res.height(),
                    scratch);
            low = dst;
            lowStride = res.width();
        }
        Resolution top = rs[target];
        int blockHeight = 1 << style.ycb();
        int ringRows = 2 * blockHeight;
        if (ring.length < 2 * ringRows * stride) {
            ring = new int[2 * ringRows * stride];
        }
        int lowRows = rs[target - 1].height();
        int height = top.height();
        Wavelet53.Level level = pulled != null
                ? Wavelet53.inverseFromRing(
                        pulled, ring, stride, ringRows, top.width(), height, top.x0() & 1, top.y0() & 1, scratch, rows)
                : Wavelet53.inverseFromRing(
                        low,
                        packedLow,
                        0,
                        lowStride,
                        ring,
                        stride,
                        ringRows,
                        top.width(),
                        height,
                        top.x0() & 1,
                        top.y0() & 1,
                        scratch,
                        rows);
        int done = 0;
        for (int j = 0; j < blockRows.size(); j++) {
            for (BlockJob job : blockRows.get(j)) {
                int bandRow = job.block().y0 - job.band().y0();
                int ringRow = (job.y() >= lowRows ? ringRows : 0) + (bandRow & (ringRows - 1));
                decodeBlock(0, job, roiShift, style, data, ring, ringRow * stride + job.x(), stride);
            }
            int to = j == blockRows.size() - 1 ? height : Math.min(height, 2 * (j + 1) * blockHeight - 2);
            if (to > done) {
                level.rows(done, to);
                done = to;
            }
        }
    }

    private void decodeIrreversible(
            Siz siz, TilePackets packets, ComponentLayout layout, int c, TileCoding coding, int target, float[] buf)
            throws Htj2kException {
        Quantization q = coding.quantization().get(c);
        int roiShift = coding.roiShifts()[c];
        boolean ht = layout.style().ht();
        Resolution[] rs = layout.resolutions();
        int stride = rs[target].width();
        Arrays.fill(buf, 0, stride * rs[target].height(), 0f);
        int depth = siz.components().get(c).depth();
        int levels = layout.style().levels();
        List<BlockJob> blocks = blockJobs(packets, layout, c, target, q);
        CodingStyle style = layout.style();
        byte[] data = tileData;
        jobs.run(blocks.size(), (worker, i) -> {
            BlockJob job = blocks.get(i);
            int[] decoded = workers[worker].blockScratch;
            int w = job.width();
            float step;
            if (ht) {
                if (!workers[worker].decodeHt(data, job.block(), job.magnitudeBits(), style, true, decoded, 0, w)) {
                    return;
                }
                step = stepSize(q, job.band(), depth, levels) * 0.5f;
            } else {
                workers[worker].decodePart1(
                        data, job.block(), job.band(), job.magnitudeBits(), roiShift, style, decoded, 0, w);
                step = 0.5f * openJpegStepSize(q, job.band(), depth, levels);
            }
            for (int y = 0; y < job.height(); y++) {
                int o = (job.y() + y) * stride + job.x();
                for (int x = 0; x < w; x++) {
                    buf[o + x] = decoded[y * w + x] * step;
                }
            }
        });
        if (floatScratch.length < Wavelet97.scratchSize(stride, rs[target].height())) {
            floatScratch = new float[Wavelet97.scratchSize(stride, rs[target].height())];
        }
        for (int r = 1; r <= target; r++) {
            Resolution res = rs[r];
            if (ht) {
                Wavelet97.inverse(buf, 0, stride, res.width(), res.height(), res.x0() & 1, res.y0() & 1, floatScratch);
            } else {
                Wavelet97.inverseOpenJpeg(
                        buf, 0, stride, res.width(), res.height(), res.x0() & 1, res.y0() & 1, floatScratch);
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

    /** A code-block to decode, with the magnitude bit-planes M_b of its band and where it goes in the buffer. */
    private record BlockJob(CodeBlock block, Band band, int magnitudeBits, int x, int y) {
        int width() {
            return block.x1 - block.x0;
        }

        int height() {
            return block.y1 - block.y0;
        }
    }

    /**
     * Every code-block of resolutions 0..target of component {@code c} with the number of magnitude bit-planes M_b
     * of its band (T.800 E-2: guard bits + epsilon_b - 1) and where it goes in the component buffer: subbands sit
     * low-pass first, so HL is right of, LH below and HH right of and below the resolution's LL.
     */
    private static List<BlockJob> blockJobs(
            TilePackets packets, ComponentLayout layout, int c, int target, Quantization q) {
        List<BlockJob> jobs = new ArrayList<>();
        int levels = layout.style().levels();
        for (int r = 0; r <= target; r++) {
            Resolution res = layout.resolutions()[r];
            for (int k = 0; k < res.precinctCount(); k++) {
                Precinct precinct = packets.precinct(c, r, k);
                if (precinct == null) {
                    continue;
                }
                for (int b = 0; b < precinct.bandCount(); b++) {
                    Band band = precinct.band(b);
                    int offsetX = layout.bandX(r, band);
                    int offsetY = layout.bandY(r, band);
                    int magnitudeBits = q.magnitudeBits(band.index(), levels);
                    for (CodeBlock block : precinct.blocks(b)) {
                        jobs.add(new BlockJob(
                                block,
                                band,
                                magnitudeBits,
                                offsetX + block.x0 - band.x0(),
                                offsetY + block.y0 - band.y0()));
                    }
                }
            }
        }
        return jobs;
    }
}
