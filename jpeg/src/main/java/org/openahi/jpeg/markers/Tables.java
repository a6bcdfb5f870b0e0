package org.openahi.jpeg.markers;

import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.entropy.HuffmanTable;

/**
 * The tables in force while the stream is read: quantisation tables (DQT), Huffman tables (DHT) and the restart
 * interval (DRI). Later segments replace earlier ones, as T.81 allows between scans.
 */
public final class Tables {

    /** Natural (row-major) position of the k-th coefficient in zig-zag order (T.81 Figure A.6). */
    public static final int[] ZIGZAG = zigzag();

    private final int[][] quant = new int[4][];
    private final HuffmanTable[] dc = new HuffmanTable[4];
    private final HuffmanTable[] ac = new HuffmanTable[4];
    private int restartInterval;

    /** DQT (T.81 B.2.4.1): tables of 8- or 16-bit values, stored here in natural order. */
    public void readDqt(Segment s) throws JpegException {
        while (s.remaining() > 0) {
            int p = s.position();
            int pqTq = s.u8();
            int pq = pqTq >> 4;
            int tq = pqTq & 15;
            if (pq > 1 || tq > 3) {
                throw new JpegException(
                        "DQT defines table " + tq + " with element precision " + pq
                                + " (tables 0 to 3, precision 0 or 1)",
                        p);
            }
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                table[ZIGZAG[k]] = pq == 0 ? s.u8() : s.u16();
            }
            quant[tq] = table;
        }
    }

    /** DHT (T.81 B.2.4.2). */
    public void readDht(Segment s) throws JpegException {
        while (s.remaining() > 0) {
            int p = s.position();
            int tcTh = s.u8();
            int tc = tcTh >> 4;
            int th = tcTh & 15;
            if (tc > 1 || th > 3) {
                throw new JpegException(
                        "DHT defines table class " + tc + " number " + th + " (class 0 or 1, number 0 to 3)", p);
            }
            int[] counts = new int[17];
            int total = 0;
            for (int length = 1; length <= 16; length++) {
                counts[length] = s.u8();
                total += counts[length];
            }
            if (total > 256) {
                throw new JpegException(
                        "DHT table " + tc + "/" + th + " declares " + total + " codes (at most 256)", p + 1);
            }
            byte[] symbols = s.bytes(total);
            HuffmanTable table = HuffmanTable.of(counts, symbols, tc == 1, (tc == 0 ? "DC" : "AC") + " table " + th, p);
            if (tc == 0) {
                dc[th] = table;
            } else {
                ac[th] = table;
            }
        }
    }

    /** DRI (T.81 B.2.4.4): MCUs per restart interval, 0 for none. */
    public void readDri(Segment s) throws JpegException {
        restartInterval = s.u16();
        s.expectEnd();
    }

    public int restartInterval() {
        return restartInterval;
    }

    /** The quantisation table {@code index} in natural order; {@code offset} names the scan that needs it. */
    public int[] quant(int index, int componentId, int offset) throws JpegException {
        if (quant[index] == null) {
            throw new JpegException(
                    "component " + componentId + " uses quantisation table " + index + ", which no DQT defined",
                    offset);
        }
        return quant[index];
    }

    public HuffmanTable dc(int index, int componentId, int offset) throws JpegException {
        return defined(dc[index], "DC", index, componentId, offset);
    }

    public HuffmanTable ac(int index, int componentId, int offset) throws JpegException {
        return defined(ac[index], "AC", index, componentId, offset);
    }

    private static HuffmanTable defined(HuffmanTable table, String kind, int index, int componentId, int offset)
            throws JpegException {
        if (table == null) {
            throw new JpegException(
                    "the scan uses " + kind + " Huffman table " + index + " for component " + componentId
                            + ", which no DHT defined",
                    offset);
        }
        return table;
    }

    private static int[] zigzag() {
        int[] order = new int[64];
        int k = 0;
        for (int sum = 0; sum <= 14; sum++) {
            int low = Math.max(0, sum - 7);
            int high = Math.min(7, sum);
            for (int i = 0; i <= high - low; i++) {
                int row = sum % 2 == 1 ? low + i : high - i;
                order[k++] = row * 8 + (sum - row);
            }
        }
        return order;
    }
}
