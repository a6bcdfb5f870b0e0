package org.openahi.htj2k.tier2;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openahi.htj2k.codestream.CodingStyle;
import org.openahi.htj2k.codestream.ComponentLayout;
import org.openahi.htj2k.codestream.ComponentLayout.Band;
import org.openahi.htj2k.codestream.ComponentLayout.Resolution;
import org.openahi.htj2k.codestream.Siz;
import org.openahi.htj2k.dwt.Wavelet53;
import org.openahi.htj2k.ht.HtBlockEncoder;

/**
 * Test-only writer of HTJ2K codestreams the product encoder never makes, to check the decoder's other paths against
 * other decoders: each code-block's cleanup pass stops at bit-plane {@code p}, the SigProp and MagRef passes code bit
 * plane p - 1 (T.814 clauses 7.4 and 7.5), the HT set may sit below placeholder sets, and the passes may be spread
 * over quality layers (LRCP). One grey component, 5/3, one tile, 64 x 64 code-blocks.
 *
 * <p>It also works out what a decoder must return: a sample the cleanup pass or SigProp makes significant is
 * exact at p = 1, the others are 0.
 */
public final class RefinementCodestreams {

    private static final int EPSILON = 20;
    private static final int GUARD = 1;

    private RefinementCodestreams() {}

    /** A codestream and the samples a conforming decoder gives back. */
    public record Result(byte[] codestream, int[] expected) {}

    /**
     * @param passesPerLayer how many of the set's passes (1 cleanup, 2 SigProp, 3 MagRef) each layer adds; the
     *                       placeholder passes come with the first layer that adds any
     */
    public static Result build(
            int width,
            int height,
            int bits,
            int[] samples,
            int levels,
            int p,
            int placeholders,
            int[] passesPerLayer,
            boolean causal) {
        int[] plane = new int[width * height];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = samples[i] - (1 << (bits - 1));
        }
        int[] ppx = new int[levels + 1];
        Arrays.fill(ppx, 15);
        int style = CodingStyle.STYLE_HT | (causal ? CodingStyle.STYLE_VERTICALLY_CAUSAL : 0);
        CodingStyle coding = new CodingStyle(levels, 6, 6, style, true, ppx, ppx);
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
                        List.of(new Siz.Component(bits, false, 1, 1))),
                0,
                new int[] {0, 0, width, height},
                coding);
        int[] tmp = new int[Wavelet53.scratchSize(width, height)];
        for (int r = levels; r > 0; r--) {
            Resolution res = layout.resolutions()[r];
            Wavelet53.forward(plane, 0, width, res.width(), res.height(), 0, 0, tmp);
        }
        int[] expected = new int[plane.length];
        HtBlockEncoder cleanup = new HtBlockEncoder();
        int layers = passesPerLayer.length;
        ByteArrayOutputStream packets = new ByteArrayOutputStream();
        int zeroBitplanes = GUARD + EPSILON - 1 - 1 - p - placeholders;
        // Blocks per resolution, coded once, written layer by layer.
        List<List<Block>> perResolution = new ArrayList<>();
        for (int r = 0; r <= levels; r++) {
            List<Block> blocks = new ArrayList<>();
            for (Band band : layout.resolutions()[r].bands()) {
                int x0 = band.orientation() == ComponentLayout.HL || band.orientation() == ComponentLayout.HH
                        ? layout.resolutions()[r - 1].width()
                        : 0;
                int y0 = band.orientation() == ComponentLayout.LH || band.orientation() == ComponentLayout.HH
                        ? layout.resolutions()[r - 1].height()
                        : 0;
                for (int y = 0; y < band.height(); y += 64) {
                    for (int x = 0; x < band.width(); x += 64) {
                        blocks.add(Block.code(
                                plane,
                                expected,
                                (y0 + y) * width + x0 + x,
                                width,
                                Math.min(64, band.width() - x),
                                Math.min(64, band.height() - y),
                                p,
                                causal,
                                cleanup));
                    }
                }
                blocks.add(null); // end of band
            }
            perResolution.add(blocks);
        }
        for (int l = 0; l < layers; l++) {
            for (int r = 0; r <= levels; r++) {
                writePacket(
                        packets,
                        layout.resolutions()[r],
                        perResolution.get(r),
                        passesPerLayer,
                        l,
                        placeholders,
                        zeroBitplanes);
            }
        }
        int[] level = new int[expected.length];
        for (int r = 1; r <= levels; r++) {
            Resolution res = layout.resolutions()[r];
            Wavelet53.inverse(
                    new Wavelet53.LevelSources(
                            expected, null, 0, width, expected, 0, width, res.width(), res.height(), 0, 0),
                    level,
                    0,
                    width,
                    0,
                    res.height(),
                    Wavelet53.inverseScratch(res.width()));
            for (int y = 0; y < res.height(); y++) {
                System.arraycopy(level, y * width, expected, y * width, res.width());
            }
        }
        int max = (1 << bits) - 1;
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Math.max(0, Math.min(max, expected[i] + (1 << (bits - 1))));
        }
        return new Result(codestream(width, height, bits, levels, layers, style, packets.toByteArray()), expected);
    }

    /**
     * One code-block: its cleanup segment at bit-plane p and its SigProp + MagRef segment at p - 1, and the Lblock
     * its packet headers have reached.
     */
    private static final class Block {
        final byte[] cleanup;
        final byte[] refinement;
        final int sigPropBytes;
        int lblock = 3;

        Block(byte[] cleanup, byte[] refinement, int sigPropBytes) {
            this.cleanup = cleanup;
            this.refinement = refinement;
            this.sigPropBytes = sigPropBytes;
        }

        static Block code(
                int[] c,
                int[] expected,
                int offset,
                int stride,
                int w,
                int h,
                int p,
                boolean causal,
                HtBlockEncoder encoder) {
            int[] high = new int[w * h];
            boolean[] significant = new boolean[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = c[offset + y * stride + x];
                    int m = Math.abs(v) >> p;
                    high[y * w + x] = v < 0 ? -m : m;
                    significant[y * w + x] = m != 0;
                }
            }
            byte[] buf = new byte[HtBlockEncoder.MAX_CODED_BYTES];
            int length = encoder.encode(high, 0, w, w, h, buf, 0);
            if (length == 0) {
                return new Block(new byte[0], new byte[0], 0);
            }
            boolean[] fromCleanup = significant.clone();
            BitsOut sigProp = new BitsOut();
            int[] fresh = new int[16];
            for (int y0 = 0; y0 < h; y0 += 4) {
                int y1 = Math.min(h, y0 + 4);
                for (int x0 = 0; x0 < w; x0 += 4) {
                    int found = 0;
                    for (int x = x0; x < Math.min(w, x0 + 4); x++) {
                        for (int y = y0; y < y1; y++) {
                            if (significant[y * w + x] || !neighbour(significant, w, h, x, y, causal ? y1 : h)) {
                                continue;
                            }
                            int v = c[offset + y * stride + x];
                            int bit = (Math.abs(v) >> (p - 1)) & 1;
                            sigProp.bit(bit);
                            if (bit == 1) {
                                significant[y * w + x] = true;
                                fresh[found++] = y * w + x;
                            }
                        }
                    }
                    for (int i = 0; i < found; i++) {
                        int k = fresh[i];
                        sigProp.bit(c[offset + (k / w) * stride + k % w] < 0 ? 1 : 0);
                    }
                }
            }
            ReverseBitsOut magRef = new ReverseBitsOut();
            for (int y0 = 0; y0 < h; y0 += 4) {
                for (int x = 0; x < w; x++) {
                    for (int y = y0; y < Math.min(h, y0 + 4); y++) {
                        if (fromCleanup[y * w + x]) {
                            magRef.bit((Math.abs(c[offset + y * stride + x]) >> (p - 1)) & 1);
                        }
                    }
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // p = 1: what SigProp or the cleanup pass found is exact, the rest is lost.
                    int v = c[offset + y * stride + x];
                    expected[offset + y * stride + x] = significant[y * w + x] ? v : 0;
                }
            }
            byte[] sp = sigProp.bytes();
            byte[] mr = magRef.bytes();
            byte[] refinement = new byte[sp.length + mr.length];
            System.arraycopy(sp, 0, refinement, 0, sp.length);
            System.arraycopy(mr, 0, refinement, sp.length, mr.length);
            return new Block(Arrays.copyOf(buf, length), refinement, sp.length);
        }

        /** Bytes of passes [from, to) of the set (1 cleanup, 2 SigProp, 3 MagRef) as written in the layers. */
        int bytes(int pass) {
            return switch (pass) {
                case 1 -> cleanup.length;
                case 2 -> sigPropBytes;
                default -> refinement.length - sigPropBytes;
            };
        }
    }

    private static boolean neighbour(boolean[] s, int w, int h, int x, int y, int rowLimit) {
        for (int ny = Math.max(0, y - 1); ny <= Math.min(Math.min(h, rowLimit) - 1, y + 1); ny++) {
            for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
                if ((nx != x || ny != y) && s[ny * w + nx]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The packet of layer {@code l} of a resolution (one precinct): each block adds the passes this layer holds, the
     * first contribution led by the placeholder passes (T.814 B.3; T.800 B.10).
     */
    private static void writePacket(
            ByteArrayOutputStream out,
            Resolution res,
            List<Block> blocks,
            int[] passesPerLayer,
            int l,
            int placeholders,
            int zeroBitplanes) {
        int before = 0;
        for (int i = 0; i < l; i++) {
            before += passesPerLayer[i];
        }
        int now = passesPerLayer[l];
        int firstLayer = 0;
        while (passesPerLayer[firstLayer] == 0) {
            firstLayer++;
        }
        PacketHeaderWriter header = new PacketHeaderWriter();
        header.reset();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean any = now > 0 && blocks.stream().anyMatch(b -> b != null && b.cleanup.length > 0);
        header.bit(any ? 1 : 0);
        if (any) {
            int b = 0;
            for (Band band : res.bands()) {
                int wide = (band.width() + 63) / 64;
                int high = (band.height() + 63) / 64;
                List<Block> inBand = blocks.subList(b, b + wide * high);
                b += wide * high + 1;
                if (wide * high == 0) {
                    continue;
                }
                int[] inclusion = new int[wide * high];
                int[] zeros = new int[wide * high];
                for (int i = 0; i < inclusion.length; i++) {
                    inclusion[i] = inBand.get(i).cleanup.length > 0 ? firstLayer : 1000;
                    zeros[i] = zeroBitplanes;
                }
                TagTree inc = new TagTree(wide, high);
                TagTree zbp = new TagTree(wide, high);
                inc.setLeaves(inclusion);
                zbp.setLeaves(zeros);
                // The trees keep state across layers: replay the earlier non-empty packets into a scratch writer.
                for (int pass = firstLayer; pass <= l; pass++) {
                    if (passesPerLayer[pass] == 0) {
                        continue;
                    }
                    PacketHeaderWriter sink = pass == l ? header : new PacketHeaderWriter();
                    for (int i = 0; i < inclusion.length; i++) {
                        if (inclusion[i] >= pass) {
                            inc.encode(sink, i % wide, i / wide, pass + 1);
                        } else if (pass == l) {
                            header.bit(1);
                        }
                        if (inclusion[i] == pass) {
                            zbp.encode(sink, i % wide, i / wide, Integer.MAX_VALUE);
                        }
                        if (pass == l && inclusion[i] <= l) {
                            writeContribution(header, body, inBand.get(i), before, now, placeholders);
                        }
                    }
                }
            }
        }
        header.finish();
        out.write(header.buffer(), 0, header.length());
        out.writeBytes(body.toByteArray());
    }

    /** Pass count, Lblock and segment lengths of set passes (before, before + now], plus their bytes. */
    private static void writeContribution(
            PacketHeaderWriter header, ByteArrayOutputStream body, Block block, int before, int now, int placeholders) {
        List<int[]> segments = new ArrayList<>(); // {passes, bytes, extra length bits}
        int first = before + 1;
        int last = before + now;
        if (before == 0) {
            int lead = 3 * placeholders + 1;
            segments.add(new int[] {lead, block.cleanup.length, floorLog2(lead)});
            first = 2;
        }
        if (first <= last && first >= 2) {
            int n = last - first + 1;
            int bytes = 0;
            for (int pass = first; pass <= last; pass++) {
                bytes += block.bytes(pass);
            }
            segments.add(new int[] {n, bytes, floorLog2(n)});
        }
        int passes = (before == 0 ? 3 * placeholders : 0) + now;
        writePassCount(header, passes);
        int lblock = block.lblock;
        for (int[] s : segments) {
            lblock = Math.max(lblock, 32 - Integer.numberOfLeadingZeros(s[1]) - s[2]);
        }
        for (int i = block.lblock; i < lblock; i++) {
            header.bit(1);
        }
        header.bit(0);
        block.lblock = lblock;
        for (int[] s : segments) {
            header.bits(s[1], lblock + s[2]);
        }
        byte[] all = new byte[block.cleanup.length + block.refinement.length];
        System.arraycopy(block.cleanup, 0, all, 0, block.cleanup.length);
        System.arraycopy(block.refinement, 0, all, block.cleanup.length, block.refinement.length);
        int from = before == 0 ? 0 : block.cleanup.length + (before >= 2 ? block.sigPropBytes : 0);
        int to = from;
        for (int[] s : segments) {
            to += s[1];
        }
        body.write(all, from, to - from);
    }

    private static void writePassCount(PacketHeaderWriter h, int n) {
        if (n == 1) {
            h.bit(0);
        } else if (n == 2) {
            h.bits(0b10, 2);
        } else if (n <= 5) {
            h.bits(0b11, 2);
            h.bits(n - 3, 2);
        } else if (n <= 36) {
            h.bits(0b1111, 4);
            h.bits(n - 6, 5);
        } else {
            h.bits(0b1111_11111, 9);
            h.bits(n - 37, 7);
        }
    }

    private static int floorLog2(int v) {
        return 31 - Integer.numberOfLeadingZeros(v);
    }

    /** SigProp: LSB first, growing forward; after 0xFF a byte carries 7 bits; never ends in 0xFF. */
    private static final class BitsOut {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;
        private int capacity = 8;

        void bit(int b) {
            current |= b << used;
            if (++used == capacity) {
                out.write(current);
                capacity = current == 0xFF ? 7 : 8;
                current = 0;
                used = 0;
            }
        }

        byte[] bytes() {
            if (used > 0) {
                out.write(current);
            } else if (capacity == 7) {
                out.write(0);
            }
            return out.toByteArray();
        }
    }

    /**
     * MagRef: LSB first, growing backwards from the end; a byte written after one above 0x8F carries 7 bits when they
     * are all ones (the reader starts as if such a byte preceded).
     */
    private static final class ReverseBitsOut {
        private final ByteArrayOutputStream reversed = new ByteArrayOutputStream();
        private int current;
        private int used;
        private boolean lastAbove8F = true;

        void bit(int b) {
            current |= b << used;
            used++;
            if (used == 7 && lastAbove8F && current == 0x7F) {
                emit();
            } else if (used == 8) {
                emit();
            }
        }

        private void emit() {
            reversed.write(current);
            lastAbove8F = current > 0x8F;
            current = 0;
            used = 0;
        }

        byte[] bytes() {
            if (used > 0) {
                emit();
            }
            byte[] r = reversed.toByteArray();
            byte[] out = new byte[r.length];
            for (int i = 0; i < r.length; i++) {
                out[i] = r[r.length - 1 - i];
            }
            return out;
        }
    }

    private static byte[] codestream(
            int width, int height, int bits, int levels, int layers, int style, byte[] packets) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u16(o, 0xFF4F);
        u16(o, 0xFF51);
        u16(o, 41);
        u16(o, 0x4000);
        for (int v : new int[] {width, height, 0, 0, width, height, 0, 0}) {
            u32(o, v);
        }
        u16(o, 1);
        o.write(bits - 1);
        o.write(1);
        o.write(1);
        u16(o, 0xFF50);
        u16(o, 8);
        u32(o, 0x0002_0000);
        u16(o, GUARD + EPSILON - 1 - 8);
        u16(o, 0xFF52);
        u16(o, 12);
        o.write(0);
        o.write(0); // LRCP
        u16(o, layers);
        o.write(0);
        o.write(levels);
        o.write(4);
        o.write(4);
        o.write(style);
        o.write(1);
        u16(o, 0xFF5C);
        u16(o, 4 + 3 * levels);
        o.write(GUARD << 5);
        for (int i = 0; i < 3 * levels + 1; i++) {
            o.write(EPSILON << 3);
        }
        u16(o, 0xFF90);
        u16(o, 10);
        u16(o, 0);
        u32(o, 14 + packets.length);
        o.write(0);
        o.write(1);
        u16(o, 0xFF93);
        o.writeBytes(packets);
        u16(o, 0xFFD9);
        return o.toByteArray();
    }

    private static void u16(ByteArrayOutputStream o, int v) {
        o.write(v >> 8);
        o.write(v);
    }

    private static void u32(ByteArrayOutputStream o, int v) {
        u16(o, v >>> 16);
        u16(o, v & 0xFFFF);
    }
}
