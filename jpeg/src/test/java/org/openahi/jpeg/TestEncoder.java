package org.openahi.jpeg;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A small JPEG encoder for tests, to make the streams no tool on the machine writes: lossless frames at any precision
 * from 2 to 16 bits with restart intervals, sampling factors and one scan per component, and sequential DCT frames
 * (8 or 12 bits) with restarts, sampling factors, 4 components and one scan per component. Its Huffman tables give
 * every symbol a code of the same length, and its DCT is the textbook floating-point one: the point is the stream
 * structure, which dcmdjpeg then decodes independently. Not a reference for anything else.
 */
final class TestEncoder {

    /** One component: sampling factors and its samples at full image resolution (subsampled here). */
    record Component(int h, int v, int[] samples) {}

    /**
     * @param lossless   SOF3 (predictor, pointTransform apply) or SOF1 (quality applies)
     * @param precision  bits per sample
     * @param interleave all components in one scan (true) or one scan each
     * @param restart    restart interval, 0 for none: MCUs in a DCT frame, lines in a lossless one (each scan's DRI
     *                   then holds that many rows of its MCUs)
     */
    record Options(
            boolean lossless,
            int precision,
            int predictor,
            int pointTransform,
            int quantStep,
            boolean interleave,
            int restart) {}

    private static final int[] ZIGZAG = org.openahi.jpeg.markers.Tables.ZIGZAG;

    private final int width;
    private final int height;
    private final List<Component> comps;
    private final Options o;
    private final int maxH;
    private final int maxV;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long bitBuffer;
    private int bitCount;

    private TestEncoder(int width, int height, List<Component> comps, Options o) {
        this.width = width;
        this.height = height;
        this.comps = comps;
        this.o = o;
        this.maxH = comps.stream().mapToInt(Component::h).max().orElseThrow();
        this.maxV = comps.stream().mapToInt(Component::v).max().orElseThrow();
    }

    static byte[] encode(int width, int height, List<Component> comps, Options o) {
        return new TestEncoder(width, height, comps, o).stream();
    }

    private byte[] stream() {
        marker(0xD8);
        int unit = o.lossless() ? 1 : 8;
        if (!o.lossless()) {
            boolean wide = o.quantStep() + 7 > 255;
            segment(0xDB, wide ? 129 : 65);
            out.write(wide ? 0x10 : 0x00);
            for (int k = 0; k < 64; k++) {
                int q = o.quantStep() + ZIGZAG[k] / 8;
                if (wide) {
                    out.write(q >> 8);
                }
                out.write(q);
            }
        }
        segment(o.lossless() ? 0xC3 : 0xC1, 6 + 3 * comps.size());
        out.write(o.precision());
        u16(height);
        u16(width);
        out.write(comps.size());
        for (int i = 0; i < comps.size(); i++) {
            out.write(i + 1);
            out.write(comps.get(i).h() << 4 | comps.get(i).v());
            out.write(0);
        }
        // Table 0: every DC (or lossless) category 0..16 in 5 bits; AC table 0: EOB, ZRL and every run/size in 8 bits.
        segment(0xC4, 1 + 16 + 17);
        out.write(0x00);
        for (int length = 1; length <= 16; length++) {
            out.write(length == 5 ? 17 : 0);
        }
        for (int s = 0; s <= 16; s++) {
            out.write(s);
        }
        if (!o.lossless()) {
            segment(0xC4, 1 + 16 + 242);
            out.write(0x10);
            for (int length = 1; length <= 16; length++) {
                out.write(length == 8 ? 242 : 0);
            }
            for (int symbol : acSymbols()) {
                out.write(symbol);
            }
        }
        int[][] planes = new int[comps.size()][];
        for (int i = 0; i < comps.size(); i++) {
            planes[i] = plane(comps.get(i), unit);
        }
        if (o.interleave()) {
            scan(List.of(0, 1, 2, 3).subList(0, comps.size()), planes, unit);
        } else {
            for (int i = 0; i < comps.size(); i++) {
                scan(List.of(i), planes, unit);
            }
        }
        marker(0xD9);
        return out.toByteArray();
    }

    private static int[] acSymbols() {
        int[] symbols = new int[242];
        int n = 0;
        symbols[n++] = 0x00;
        symbols[n++] = 0xF0;
        for (int run = 0; run < 16; run++) {
            for (int size = 1; size <= 15; size++) {
                symbols[n++] = run << 4 | size;
            }
        }
        return symbols;
    }

    private int acCode(int symbol) {
        int[] symbols = acSymbols();
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i] == symbol) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }

    private int paddedWidth(Component c, int unit) {
        return ceil(width, unit * maxH) * c.h() * unit;
    }

    private int paddedHeight(Component c, int unit) {
        return ceil(height, unit * maxV) * c.v() * unit;
    }

    /** The component subsampled (the sample at the top-left of each area) and padded by replicating its edges. */
    private int[] plane(Component c, int unit) {
        int cw = ceil(width * c.h(), maxH);
        int ch = ceil(height * c.v(), maxV);
        int pw = paddedWidth(c, unit);
        int ph = paddedHeight(c, unit);
        int[] p = new int[pw * ph];
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                int sx = Math.min(x, cw - 1) * maxH / c.h();
                int sy = Math.min(y, ch - 1) * maxV / c.v();
                p[y * pw + x] = c.samples()[sy * width + sx] >> o.pointTransform();
            }
        }
        return p;
    }

    private void scan(List<Integer> members, int[][] planes, int unit) {
        boolean interleaved = members.size() > 1;
        Component first = comps.get(members.get(0));
        int mcusPerRow = interleaved ? ceil(width, unit * maxH) : ceil(ceil(width * first.h(), maxH), unit);
        int mcuRows = interleaved ? ceil(height, unit * maxV) : ceil(ceil(height * first.v(), maxV), unit);
        int interval = o.lossless() ? o.restart() * mcusPerRow : o.restart();
        if (interval > 0) {
            segment(0xDD, 2);
            u16(interval);
        }
        segment(0xDA, 4 + 2 * members.size());
        out.write(members.size());
        for (int i : members) {
            out.write(i + 1);
            out.write(0x00);
        }
        out.write(o.lossless() ? o.predictor() : 0);
        out.write(o.lossless() ? 0 : 63);
        out.write(o.lossless() ? o.pointTransform() : 0);
        int[] dc = new int[comps.size()];
        int restarts = 0;
        for (int my = 0, mcu = 0; my < mcuRows; my++) {
            for (int mx = 0; mx < mcusPerRow; mx++, mcu++) {
                boolean restarted = interval > 0 && mcu > 0 && mcu % interval == 0;
                if (restarted) {
                    flushBits();
                    marker(0xD0 + (restarts++ & 7));
                    java.util.Arrays.fill(dc, 0);
                }
                for (int i : members) {
                    Component c = comps.get(i);
                    int h = interleaved ? c.h() : 1;
                    int v = interleaved ? c.v() : 1;
                    for (int by = 0; by < v; by++) {
                        for (int bx = 0; bx < h; bx++) {
                            int x = (mx * h + bx) * unit;
                            int y = (my * v + by) * unit;
                            if (o.lossless()) {
                                boolean firstLine =
                                        y == 0 || by == 0 && interval > 0 && my * mcusPerRow % interval == 0;
                                losslessSample(planes[i], paddedWidth(c, unit), x, y, firstLine);
                            } else {
                                block(planes[i], paddedWidth(c, unit), x, y, dc, i);
                            }
                        }
                    }
                }
            }
        }
        flushBits();
    }

    private void losslessSample(int[] p, int stride, int x, int y, boolean firstLine) {
        int at = y * stride + x;
        int prediction;
        if (firstLine) {
            prediction = x == 0 ? 1 << (o.precision() - o.pointTransform() - 1) : p[at - 1];
        } else if (x == 0) {
            prediction = p[at - stride];
        } else {
            int ra = p[at - 1];
            int rb = p[at - stride];
            int rc = p[at - stride - 1];
            prediction = switch (o.predictor()) {
                case 1 -> ra;
                case 2 -> rb;
                case 3 -> rc;
                case 4 -> ra + rb - rc;
                case 5 -> ra + ((rb - rc) >> 1);
                case 6 -> rb + ((ra - rc) >> 1);
                default -> (ra + rb) >> 1;
            };
        }
        int diff = (p[at] - prediction) & 0xFFFF;
        if (diff == 0x8000) {
            bits(16, 5);
            return;
        }
        magnitude(diff >= 0x8000 ? diff - 0x10000 : diff, 5, -1);
    }

    /** Category code (fixed length), then the extra bits (T.81 F.1.2.1.1). */
    private void magnitude(int value, int codeLength, int runPrefix) {
        int category = 32 - Integer.numberOfLeadingZeros(Math.abs(value));
        int symbol = runPrefix < 0 ? category : runPrefix << 4 | category;
        bits(runPrefix < 0 ? symbol : acCode(symbol), codeLength);
        if (category > 0) {
            bits(value > 0 ? value : value + (1 << category) - 1, category);
        }
    }

    private void block(int[] p, int stride, int x0, int y0, int[] dc, int comp) {
        int shift = 1 << (o.precision() - 1);
        int[] q = new int[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        sum += (p[(y0 + y) * stride + x0 + x] - shift)
                                * Math.cos((2 * x + 1) * u * Math.PI / 16)
                                * Math.cos((2 * y + 1) * v * Math.PI / 16);
                    }
                }
                double cu = u == 0 ? Math.sqrt(0.5) : 1;
                double cv = v == 0 ? Math.sqrt(0.5) : 1;
                int step = o.quantStep() + v;
                q[v * 8 + u] = (int) Math.round(sum * cu * cv / 4 / step);
            }
        }
        int diff = q[0] - dc[comp];
        dc[comp] = q[0];
        magnitude(diff, 5, -1);
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int value = q[ZIGZAG[k]];
            if (value == 0) {
                run++;
                continue;
            }
            while (run > 15) {
                bits(acCode(0xF0), 8);
                run -= 16;
            }
            magnitude(value, 8, run);
            run = 0;
        }
        if (run > 0) {
            bits(acCode(0x00), 8);
        }
    }

    private void bits(int value, int n) {
        bitBuffer = bitBuffer << n | (value & ((1L << n) - 1));
        bitCount += n;
        while (bitCount >= 8) {
            int b = (int) (bitBuffer >> (bitCount - 8)) & 0xFF;
            out.write(b);
            if (b == 0xFF) {
                out.write(0);
            }
            bitCount -= 8;
        }
    }

    private void flushBits() {
        if (bitCount > 0) {
            bits((1 << (8 - bitCount)) - 1, 8 - bitCount);
        }
    }

    private void marker(int code) {
        out.write(0xFF);
        out.write(code);
    }

    private void segment(int code, int payload) {
        marker(code);
        u16(payload + 2);
    }

    private void u16(int v) {
        out.write(v >> 8);
        out.write(v);
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
