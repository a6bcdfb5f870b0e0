package org.openahi.htj2k.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.ImageDescription;
import org.openahi.htj2k.codestream.CodestreamWriter;
import org.openahi.htj2k.codestream.CodingStyle;
import org.openahi.htj2k.codestream.ComponentLayout;
import org.openahi.htj2k.codestream.ComponentLayout.Band;
import org.openahi.htj2k.codestream.ComponentLayout.Resolution;
import org.openahi.htj2k.codestream.Quantization;
import org.openahi.htj2k.codestream.Siz;
import org.openahi.htj2k.colour.Rct;
import org.openahi.htj2k.dwt.BiboGains;
import org.openahi.htj2k.dwt.Wavelet53;
import org.openahi.htj2k.ebcot.EbcotBlockEncoder;
import org.openahi.htj2k.ht.HtBlockEncoder;
import org.openahi.htj2k.tier2.PacketEncoder;

/**
 * The lossless encoder pipeline both codestream kinds share: native samples to planes, RCT for colour, reversible
 * 5/3 levels until the lowest resolution is 64 samples or fewer, one 64 x 64 code-block grid, packets in RPCL order
 * in one tile-part per resolution indexed by TLM. The code-blocks are HT ({@link org.openahi.htj2k.Htj2kEncoder}, one cleanup pass)
 * or JPEG 2000 Part 1 ({@link org.openahi.htj2k.J2kEncoder}, EBCOT, all bit-planes).
 *
 * <p>Keeps its buffers between images; not thread-safe. Given an executor it codes the code-blocks of one image on
 * several threads, with output identical to the single-threaded one.
 */
public final class FrameEncoder {

    /** One guard bit, as OpenJPH writes; epsilon_b carries the rest of the range. */
    private static final int GUARD_BITS = 1;
    /** Largest lowest resolution the .202 transfer syntax allows. */
    private static final int MAX_BASE = 64;
    /** Largest image, in samples (width x height x components): 4 bytes each while coding, so 1 GiB. */
    public static final long MAX_SAMPLES = 1L << 28;

    private final boolean ht;
    private final ExecutorService executor;
    private final Worker[] workers;
    private int[][] planes = new int[0][];
    private int[] dwtScratch = new int[0];
    private final PacketEncoder packets = new PacketEncoder();

    /**
     * An encoder of HT ({@code ht}) or Part 1 code-blocks that splits each image's code-blocks over
     * {@code parallelism} tasks: the calling thread and {@code parallelism - 1} tasks on {@code executor}, which the
     * caller owns.
     */
    public FrameEncoder(boolean ht, ExecutorService executor, int parallelism) {
        this.ht = ht;
        if (parallelism < 1 || (parallelism > 1 && executor == null)) {
            throw new IllegalArgumentException("parallelism " + parallelism + " needs an executor");
        }
        this.executor = executor;
        this.workers = new Worker[parallelism];
        for (int i = 0; i < parallelism; i++) {
            workers[i] = new Worker();
        }
    }

    /**
     * See {@link org.openahi.htj2k.Htj2kEncoder#encode(ImageDescription, byte[], int, int)}; the codestream starts
     * after {@code prefix} bytes left for the caller (a file's boxes).
     */
    public byte[] encode(ImageDescription image, byte[] frame, int offset, int bitsAllocated, int prefix)
            throws Htj2kException {
        check(image);
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 || bitsAllocated < image.bitsStored()) {
            throw new Htj2kException(
                    0x0509, "Bits Allocated " + bitsAllocated + " cannot hold Bits Stored " + image.bitsStored());
        }
        long bits = (long) image.width() * image.height() * image.components() * bitsAllocated;
        if (offset < 0 || offset + (bits + 7) / 8 > frame.length) {
            throw new Htj2kException(
                    0x050A,
                    "frame of " + image.width() + "x" + image.height() + "x"
                            + image.components() + " samples of " + bitsAllocated + " bits needs " + (bits + 7) / 8
                            + " bytes from offset " + offset + ", the buffer has " + frame.length);
        }
        loadNative(image, frame, offset, bitsAllocated);
        return encodePlanes(image, prefix);
    }

    /** See {@link org.openahi.htj2k.Htj2kEncoder#encode(ImageDescription, int[])}. */
    public byte[] encode(ImageDescription image, int[] samples) throws Htj2kException {
        check(image);
        int n = image.width() * image.height();
        int count = image.components();
        if (samples.length < (long) n * count) {
            throw new Htj2kException(
                    0x050B, "image of " + n * (long) count + " samples, the array has " + samples.length);
        }
        int bits = image.bitsStored();
        int min = image.signed() ? -(1 << (bits - 1)) : 0;
        int max = image.signed() ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
        int shift = image.signed() ? 0 : 1 << (bits - 1);
        allocatePlanes(count, n);
        for (int c = 0; c < count; c++) {
            int[] plane = planes[c];
            for (int i = 0; i < n; i++) {
                int v = samples[i * count + c];
                if (v < min || v > max) {
                    throw new Htj2kException(
                            0x050C,
                            "sample " + v + " at index " + (i * count + c) + " is outside the " + bits + "-bit range "
                                    + min + ".." + max);
                }
                plane[i] = v - shift;
            }
        }
        return encodePlanes(image, 0);
    }

    private static void check(ImageDescription image) throws Htj2kException {
        if (image.width() < 1
                || image.height() < 1
                || image.components() != 1 && image.components() != 3
                || image.bitsStored() < 1
                || image.bitsStored() > 16) {
            throw new Htj2kException(
                    0x050D, "cannot encode " + image + ": 1 or 3 components of 1 to 16 bits, " + "at least 1 x 1");
        }
        if ((long) image.width() * image.height() * image.components() > MAX_SAMPLES) {
            throw new Htj2kException(
                    0x050E,
                    "image of " + image.width() + "x" + image.height() + "x" + image.components()
                            + " samples is larger than the " + MAX_SAMPLES + " this encoder takes");
        }
    }

    private void allocatePlanes(int count, int n) {
        if (planes.length < count) {
            planes = Arrays.copyOf(planes, count);
        }
        for (int c = 0; c < count; c++) {
            if (planes[c] == null || planes[c].length < n) {
                planes[c] = new int[n];
            }
        }
    }

    /** Splits interleaved native samples into planes, keeping the stored bits and removing the DC offset. */
    private void loadNative(ImageDescription image, byte[] frame, int offset, int bitsAllocated) {
        int n = image.width() * image.height();
        int count = image.components();
        allocatePlanes(count, n);
        int bits = image.bitsStored();
        int up = 32 - bits;
        boolean signed = image.signed();
        int shift = signed ? 0 : 1 << (bits - 1);
        for (int c = 0; c < count; c++) {
            int[] plane = planes[c];
            if (bitsAllocated == 16) {
                // the common case gets a loop of its own: one sample's two bytes, no switch, no test of signed
                int at = offset + 2 * c;
                int step = 2 * count;
                if (signed) {
                    for (int i = 0; i < n; i++, at += step) {
                        plane[i] = ((frame[at] & 0xFF) | frame[at + 1] << 8) << up >> up;
                    }
                } else {
                    for (int i = 0; i < n; i++, at += step) {
                        plane[i] = (((frame[at] & 0xFF) | (frame[at + 1] & 0xFF) << 8) << up >>> up) - shift;
                    }
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                int s = i * count + c;
                int raw = bitsAllocated == 8 ? frame[offset + s] & 0xFF : (frame[offset + (s >> 3)] >> (s & 7)) & 1;
                plane[i] = signed ? (raw << up) >> up : ((raw << up) >>> up) - shift;
            }
        }
    }

    private byte[] encodePlanes(ImageDescription image, int prefix) throws Htj2kException {
        int width = image.width();
        int height = image.height();
        int count = image.components();
        int n = width * height;
        boolean colour = count == 3;
        if (colour) {
            Rct.forward(planes[0], planes[1], planes[2], 0, n);
        }
        int levels = 0;
        while (ComponentLayout.ceilShift(Math.max(width, height), levels) > MAX_BASE) {
            levels++;
        }
        int[] ppx = new int[levels + 1];
        Arrays.fill(ppx, 15);
        CodingStyle style = new CodingStyle(
                levels,
                CodestreamWriter.BLOCK_EXPONENT,
                CodestreamWriter.BLOCK_EXPONENT,
                ht ? CodingStyle.STYLE_HT : 0,
                true,
                ppx,
                ppx);
        ComponentLayout layout = ComponentLayout.of(
                new Siz(
                        0x4000,
                        width,
                        height,
                        0,
                        0,
                        width,
                        height,
                        0,
                        0,
                        List.of(new Siz.Component(image.bitsStored(), image.signed(), 1, 1))),
                0,
                new int[] {0, 0, width, height},
                style);
        if (dwtScratch.length < Wavelet53.scratchSize(width, height)) {
            dwtScratch = new int[Wavelet53.scratchSize(width, height)];
        }
        for (int c = 0; c < count; c++) {
            for (int r = levels; r > 0; r--) {
                Resolution res = layout.resolutions()[r];
                Wavelet53.forward(planes[c], 0, width, res.width(), res.height(), 0, 0, dwtScratch);
            }
        }
        List<Job> jobs = jobs(layout, count, width);
        codeBlocks(jobs, width);
        int[] exponents = exponents(image, layout, count, jobs);
        return assemble(image, layout, levels, colour, exponents, jobs, prefix);
    }

    /**
     * epsilon_b per subband: the bit depth (plus one for the RCT) plus the bits the wavelet can add, from the
     * filters' BIBO gains with 10% headroom, as OpenJPH sizes them; raised if the data ever needs more.
     */
    private static int[] exponents(ImageDescription image, ComponentLayout layout, int count, List<Job> jobs) {
        int depth = image.bitsStored() + (count == 3 ? 1 : 0);
        int levels = layout.style().levels();
        int[] exponents = new int[3 * levels + 1];
        exponents[0] = depth + log2Ceil(BiboGains.low(levels) * BiboGains.low(levels) * 1.1);
        for (int r = 1; r <= levels; r++) {
            int level = levels - r + 1;
            int mixed = depth + log2Ceil(BiboGains.low(level) * BiboGains.high(level - 1) * 1.1);
            exponents[3 * r - 2] = mixed;
            exponents[3 * r - 1] = mixed;
            exponents[3 * r] = depth + log2Ceil(BiboGains.high(level - 1) * BiboGains.high(level - 1) * 1.1);
        }
        int[] ors = new int[exponents.length];
        for (Job job : jobs) {
            ors[job.band] |= job.or;
        }
        for (int band = 0; band < exponents.length; band++) {
            int needed = 32 - Integer.numberOfLeadingZeros(ors[band]) + 1;
            exponents[band] = Math.max(exponents[band], needed - GUARD_BITS + 1);
        }
        return exponents;
    }

    private static int log2Ceil(double v) {
        return (int) Math.ceil(Math.log(v) / Math.log(2));
    }

    /** One code-block to code: where its coefficients are, and after coding where its bytes went. */
    private static final class Job {
        final int component;
        final int offset;
        final int width;
        final int height;
        final int orientation;
        /** {@link Band#index()} of its subband. */
        final int band;

        Worker worker;
        /** The OR of its coefficients, each with its sign bits folded into the magnitude: how many bits they need. */
        int or;

        int codedOffset;
        int codedLength;
        /** Part 1: coding passes and magnitude bit-planes of the coded block. */
        int passes;

        int bitPlanes;

        Job(int component, int offset, int width, int height, int orientation, int band) {
            this.component = component;
            this.offset = offset;
            this.width = width;
            this.height = height;
            this.orientation = orientation;
            this.band = band;
        }
    }

    /** Code-blocks in packet order: resolution, component, subband, then raster order within the subband. */
    private static List<Job> jobs(ComponentLayout layout, int count, int stride) {
        List<Job> jobs = new ArrayList<>();
        int size = 1 << CodestreamWriter.BLOCK_EXPONENT;
        for (int r = 0; r < layout.resolutions().length; r++) {
            for (int c = 0; c < count; c++) {
                for (Band band : layout.resolutions()[r].bands()) {
                    int x0 = layout.bandX(r, band);
                    int y0 = layout.bandY(r, band);
                    for (int y = 0; y < band.height(); y += size) {
                        for (int x = 0; x < band.width(); x += size) {
                            jobs.add(new Job(
                                    c,
                                    (y0 + y) * stride + x0 + x,
                                    Math.min(size, band.width() - x),
                                    Math.min(size, band.height() - y),
                                    band.orientation(),
                                    band.index()));
                        }
                    }
                }
            }
        }
        return jobs;
    }

    /** A block coder with its own output buffer; one per thread. */
    private final class Worker {
        final HtBlockEncoder coder = ht ? new HtBlockEncoder() : null;
        final EbcotBlockEncoder ebcot = ht ? null : new EbcotBlockEncoder();
        byte[] out = new byte[1 << 16];
        int used;

        void code(Job job, int stride) {
            job.worker = this;
            job.codedOffset = used;
            if (ht) {
                if (out.length - used < HtBlockEncoder.MAX_CODED_BYTES) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, used + HtBlockEncoder.MAX_CODED_BYTES));
                }
                job.codedLength =
                        coder.encode(planes[job.component], job.offset, stride, job.width, job.height, out, used);
            } else {
                int length =
                        ebcot.encode(planes[job.component], job.offset, stride, job.width, job.height, job.orientation);
                if (out.length - used < length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, used + length));
                }
                System.arraycopy(ebcot.bytes(), ebcot.start(), out, used, length);
                job.codedLength = length;
                job.passes = ebcot.passes();
                job.bitPlanes = ebcot.bitPlanes();
            }
            used += job.codedLength;
            // read while the block is still in the cache, for the subbands' exponents
            int[] plane = planes[job.component];
            int or = 0;
            for (int y = 0; y < job.height; y++) {
                for (int x = job.offset + y * stride, end = x + job.width; x < end; x++) {
                    or |= plane[x] ^ (plane[x] >> 31);
                }
            }
            job.or = or;
        }
    }

    private void codeBlocks(List<Job> jobs, int stride) throws Htj2kException {
        for (Worker w : workers) {
            w.used = 0;
        }
        if (workers.length == 1) {
            for (Job job : jobs) {
                workers[0].code(job, stride);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 1; i < workers.length; i++) {
            Worker w = workers[i];
            running.add(executor.submit(() -> drain(w, jobs, next, stride)));
        }
        drain(workers[0], jobs, next, stride);
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Htj2kException(0x050F, "interrupted while coding code-blocks");
        } catch (ExecutionException e) {
            throw new IllegalStateException("code-block coding failed", e.getCause());
        }
    }

    private static void drain(Worker w, List<Job> jobs, AtomicInteger next, int stride) {
        for (int i = next.getAndIncrement(); i < jobs.size(); i = next.getAndIncrement()) {
            w.code(jobs.get(i), stride);
        }
    }

    /** Packets in RPCL order, one tile-part per resolution holding every component's packet. */
    private byte[] assemble(
            ImageDescription image,
            ComponentLayout layout,
            int levels,
            boolean colour,
            int[] exponents,
            List<Job> jobs,
            int prefix) {
        int count = image.components();
        int resolutions = levels + 1;
        byte[][] headers = new byte[resolutions * count][];
        int[][] jobRange = new int[resolutions * count][2];
        int[] bodyLengths = new int[resolutions];
        int j = 0;
        int size = 1 << CodestreamWriter.BLOCK_EXPONENT;
        for (int r = 0; r < resolutions; r++) {
            Band[] bands = layout.resolutions()[r].bands();
            for (int c = 0; c < count; c++) {
                int first = j;
                boolean empty = true;
                int end = j;
                for (Band band : bands) {
                    end += Siz.ceilDiv(band.width(), size) * Siz.ceilDiv(band.height(), size);
                }
                for (int k = first; k < end; k++) {
                    empty &= jobs.get(k).codedLength == 0;
                }
                packets.begin(empty);
                if (!empty) {
                    for (Band band : bands) {
                        int wide = Siz.ceilDiv(band.width(), size);
                        int high = Siz.ceilDiv(band.height(), size);
                        if (wide * high == 0) {
                            continue; // an empty subband has no code-blocks and no place in the header
                        }
                        int[] lengths = new int[wide * high];
                        for (int k = 0; k < lengths.length; k++) {
                            lengths[k] = jobs.get(j + k).codedLength;
                        }
                        int magnitudeBits = Quantization.magnitudeBitsOf(GUARD_BITS, exponents[band.index()]);
                        if (ht) {
                            packets.band(wide, high, lengths, magnitudeBits - 1);
                        } else {
                            int[] zeroBitplanes = new int[lengths.length];
                            int[] passes = new int[lengths.length];
                            for (int k = 0; k < lengths.length; k++) {
                                Job job = jobs.get(j + k);
                                zeroBitplanes[k] = magnitudeBits - job.bitPlanes;
                                passes[k] = job.passes;
                            }
                            packets.band(wide, high, lengths, zeroBitplanes, passes);
                        }
                        j += lengths.length;
                    }
                }
                j = end;
                int length = packets.finish();
                headers[r * count + c] = Arrays.copyOf(packets.header(), length);
                jobRange[r * count + c][0] = first;
                jobRange[r * count + c][1] = end;
                bodyLengths[r] += length;
                for (int k = first; k < end; k++) {
                    bodyLengths[r] += jobs.get(k).codedLength;
                }
            }
        }
        int[] bodyOffsets = new int[resolutions];
        CodestreamWriter.Header header = new CodestreamWriter.Header(
                ht,
                image.width(),
                image.height(),
                count,
                image.bitsStored(),
                image.signed(),
                levels,
                colour,
                GUARD_BITS,
                exponents);
        byte[] out = CodestreamWriter.layout(header, bodyLengths, bodyOffsets, prefix);
        for (int r = 0; r < resolutions; r++) {
            int at = bodyOffsets[r];
            for (int c = 0; c < count; c++) {
                byte[] h = headers[r * count + c];
                System.arraycopy(h, 0, out, at, h.length);
                at += h.length;
                for (int k = jobRange[r * count + c][0]; k < jobRange[r * count + c][1]; k++) {
                    Job job = jobs.get(k);
                    System.arraycopy(job.worker.out, job.codedOffset, out, at, job.codedLength);
                    at += job.codedLength;
                }
            }
        }
        return out;
    }
}
