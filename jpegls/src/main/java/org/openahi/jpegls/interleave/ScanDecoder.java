package org.openahi.jpegls.interleave;

import java.util.Arrays;
import org.openahi.jpegls.Interleave;
import org.openahi.jpegls.JpegLsException;
import org.openahi.jpegls.coding.BitReader;
import org.openahi.jpegls.coding.CodingParameters;
import org.openahi.jpegls.coding.RegularMode;
import org.openahi.jpegls.markers.FrameHeader;
import org.openahi.jpegls.markers.ScanHeader;
import org.openahi.jpegls.run.RunMode;

/**
 * Decodes the scans of a frame line by line into the raw layout (samples little-endian, 1 byte up to 8 bits else 2,
 * components interleaved): the neighbourhood of each sample (A.2.1: the line above, edges extended), the choice
 * between regular and run mode, the three interleave modes, and restart intervals, after which everything starts
 * again as at the top of the scan, the line above included (as CharLS does).
 *
 * <p>Keeps its buffers and the last coding parameters between scans; not thread-safe.
 */
public final class ScanDecoder {

    private final BitReader bits = new BitReader();
    private final RegularMode regular = new RegularMode(bits);
    private final RunMode run = new RunMode(bits);
    private CodingParameters parameters;

    private byte[] quantized;
    private int offset;
    private int width;
    /** Per scan component, the line above and the line being decoded, with one edge sample on each side. */
    private int[][] previous = new int[0][];

    private int[][] current = new int[0][];
    /** Per scan component, the context of the pixel at hand (ILV 2). */
    private int[] contexts = new int[0];

    /** Decodes {@code scan} of {@code data} into {@code out}, which holds the whole frame. */
    public void decode(byte[] data, FrameHeader frame, ScanHeader scan, int scanNumber, byte[] out)
            throws JpegLsException {
        if (parameters == null || !parameters.matches(scan.parameters(), scan.near())) {
            parameters = new CodingParameters(scan.parameters(), scan.near());
        }
        quantized = parameters.quantizationTable();
        offset = parameters.maxVal();
        width = frame.width();
        int[] components = scan.components();
        int count = components.length;
        allocate(count);
        int height = frame.height();
        int interval = scan.restartInterval() == 0 ? height : scan.restartInterval();
        int[] runIndex = new int[count];
        bits.start(data, scan.dataStart(), scan.dataEnd());
        int restart = 0;
        for (int y = 0; y < height; y++) {
            if (y % interval == 0) {
                if (y > 0) {
                    bits.restart(restart);
                    restart = (restart + 1) & 7;
                }
                regular.start(parameters);
                run.start(parameters);
                Arrays.fill(runIndex, 0);
                for (int c = 0; c < count; c++) {
                    Arrays.fill(previous[c], 0);
                    Arrays.fill(current[c], 0);
                }
            }
            for (int c = 0; c < count; c++) {
                int[] swap = previous[c];
                previous[c] = current[c];
                current[c] = swap;
            }
            if (scan.interleave() == Interleave.SAMPLE) {
                sampleLine(count);
            } else {
                for (int c = 0; c < count; c++) {
                    run.runIndex(runIndex[c]);
                    line(previous[c], current[c]);
                    runIndex[c] = run.runIndex();
                }
            }
            if (bits.overrun()) {
                throw new JpegLsException(
                        0x0401,
                        "the coded data of scan " + scanNumber + " ends in line " + y + " of " + height,
                        scan.dataEnd());
            }
            for (int c = 0; c < count; c++) {
                store(current[c], y, components[c], frame, out);
            }
        }
    }

    private void allocate(int count) {
        if (previous.length != count || previous[0].length != width + 2) {
            previous = new int[count][width + 2];
            current = new int[count][width + 2];
            contexts = new int[count];
        }
    }

    /** One line of one component (ILV 0, or 1 component at a time). */
    private void line(int[] prev, int[] cur) throws JpegLsException {
        byte[] q = quantized;
        int off = offset;
        int w = width;
        prev[w + 1] = prev[w];
        cur[0] = prev[1];
        int rb = prev[0];
        int rd = prev[1];
        int x = 1;
        while (x <= w) {
            int ra = cur[x - 1];
            int rc = rb;
            rb = rd;
            rd = prev[x + 1];
            int context = q[rd - rb + off] * 81 + q[rb - rc + off] * 9 + q[rc - ra + off];
            if (context != 0) {
                cur[x] = regular.decode(context, predict(ra, rb, rc));
                x++;
            } else {
                x += runOfSamples(prev, cur, x, ra);
                rb = prev[x - 1];
                rd = prev[x];
            }
        }
    }

    /** A run from {@code x}, and the sample that interrupts it unless it reaches the end of the line. */
    private int runOfSamples(int[] prev, int[] cur, int x, int ra) throws JpegLsException {
        int length = run.runLength(width - x + 1);
        Arrays.fill(cur, x, x + length, ra);
        int end = x + length;
        if (end > width) {
            return length;
        }
        cur[end] = run.interruption(ra, prev[end]);
        run.interrupted();
        return length + 1;
    }

    /** One line of all components, pixel by pixel (ILV 2). */
    private void sampleLine(int count) throws JpegLsException {
        byte[] q = quantized;
        int off = offset;
        int w = width;
        for (int c = 0; c < count; c++) {
            previous[c][w + 1] = previous[c][w];
            current[c][0] = previous[c][1];
        }
        int x = 1;
        while (x <= w) {
            boolean runMode = true;
            for (int c = 0; c < count; c++) {
                int[] prev = previous[c];
                int ra = current[c][x - 1];
                int rb = prev[x];
                int rc = prev[x - 1];
                int rd = prev[x + 1];
                contexts[c] = q[rd - rb + off] * 81 + q[rb - rc + off] * 9 + q[rc - ra + off];
                runMode &= contexts[c] == 0;
            }
            if (!runMode) {
                for (int c = 0; c < count; c++) {
                    int[] prev = previous[c];
                    current[c][x] = regular.decode(contexts[c], predict(current[c][x - 1], prev[x], prev[x - 1]));
                }
                x++;
                continue;
            }
            int length = run.runLength(w - x + 1);
            int end = x + length;
            for (int c = 0; c < count; c++) {
                Arrays.fill(current[c], x, end, current[c][x - 1]);
            }
            if (end <= w) {
                for (int c = 0; c < count; c++) {
                    current[c][end] = run.interruptionComponent(current[c][x - 1], previous[c][end]);
                }
                run.interrupted();
                end++;
            }
            x = end;
        }
    }

    /** MED, the median edge detector of A.4.1. */
    private static int predict(int ra, int rb, int rc) {
        if (rc >= Math.max(ra, rb)) {
            return Math.min(ra, rb);
        }
        if (rc <= Math.min(ra, rb)) {
            return Math.max(ra, rb);
        }
        return ra + rb - rc;
    }

    /** Writes a decoded line of frame component {@code component} into the raw layout. */
    private static void store(int[] line, int y, int component, FrameHeader frame, byte[] out) {
        int w = frame.width();
        int stride = frame.components();
        int at = (y * w) * stride + component;
        if (frame.precision() <= 8) {
            for (int x = 1; x <= w; x++, at += stride) {
                out[at] = (byte) line[x];
            }
        } else {
            at *= 2;
            int step = 2 * stride;
            for (int x = 1; x <= w; x++, at += step) {
                int v = line[x];
                out[at] = (byte) v;
                out[at + 1] = (byte) (v >> 8);
            }
        }
    }
}
