package org.openahi.jpegls.coding;

import org.openahi.jpegls.markers.PresetParameters;

/**
 * What a scan's coding depends on (T.87 A.2.1): MAXVAL, NEAR, RANGE, qbpp, LIMIT, RESET and the gradient quantization
 * of A.3.3 as a lookup table, plus the reconstruction of a sample from its prediction and error (A.4.5, with the
 * modular reduction undone as CharLS does).
 */
public final class CodingParameters {

    private final int maxVal;
    private final int near;
    private final int range;
    private final int qbpp;
    private final int limit;
    private final int reset;
    private final int runReset;
    private final int step;
    private final int maxMapped;
    private final PresetParameters presets;
    private final byte[] quantized;

    public CodingParameters(PresetParameters presets, int near) {
        this.presets = presets;
        this.maxVal = presets.maxValue();
        this.near = near;
        this.range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        this.qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        this.limit = 2 * (bpp + Math.max(8, bpp));
        this.reset = presets.reset();
        this.runReset = reset & 0xFF;
        this.step = 2 * near + 1;
        this.maxMapped = range + 1;
        this.quantized = new byte[2 * maxVal + 1];
        for (int d = -maxVal; d <= maxVal; d++) {
            quantized[d + maxVal] =
                    (byte) quantize(d, presets.threshold1(), presets.threshold2(), presets.threshold3());
        }
    }

    /** Whether these parameters serve a scan with {@code presets} and {@code near}. */
    public boolean matches(PresetParameters presets, int near) {
        return this.near == near && this.presets.equals(presets);
    }

    public int maxVal() {
        return maxVal;
    }

    public int near() {
        return near;
    }

    public int range() {
        return range;
    }

    /** 2 * NEAR + 1, the quantization step of prediction errors. */
    public int step() {
        return step;
    }

    public int qbpp() {
        return qbpp;
    }

    /** LIMIT, the longest Golomb code of a regular-mode sample. */
    public int limit() {
        return limit;
    }

    public int reset() {
        return reset;
    }

    /**
     * RESET as the run-interruption contexts use it: its low 8 bits. CharLS (2.4, and the fork inside DCMTK 3.6) keeps
     * that RESET in a byte, so for RESET above 255 (allowed up to MAXVAL) the encoders that write it halve those
     * contexts' statistics at RESET mod 256; a decoder that followed T.87 to the letter would misread their streams.
     * Regular-mode contexts use the whole value, as those encoders do.
     */
    public int runReset() {
        return runReset;
    }

    /** The largest mapped error a valid stream holds; more means the data is corrupt. */
    public int maxMapped() {
        return maxMapped;
    }

    /** The quantized gradients Q(d) in -4..4, indexed by {@code d + maxVal()} for d in -MAXVAL..MAXVAL. */
    public byte[] quantizationTable() {
        return quantized;
    }

    /** The reconstructed sample Rx for a prediction and a (quantized) error, within 0..MAXVAL. */
    public int reconstruct(int predicted, int error) {
        int rx = predicted + error * step;
        if (rx < -near) {
            rx += range * step;
        } else if (rx > maxVal + near) {
            rx -= range * step;
        }
        return rx < 0 ? 0 : Math.min(rx, maxVal);
    }

    /** A.3.3: the region of gradient {@code d}. */
    private int quantize(int d, int t1, int t2, int t3) {
        if (d <= -t3) {
            return -4;
        } else if (d <= -t2) {
            return -3;
        } else if (d <= -t1) {
            return -2;
        } else if (d < -near) {
            return -1;
        } else if (d <= near) {
            return 0;
        } else if (d < t1) {
            return 1;
        } else if (d < t2) {
            return 2;
        } else if (d < t3) {
            return 3;
        }
        return 4;
    }

    private static int ceilLog2(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
