package org.openahi.jpegls;

import java.io.IOException;
import java.util.List;
import org.openahi.testing.SharedCorpus;

/**
 * Raw images made from native corpus frames for the CharLS matrix: a CT slice (512 x 512, 16-bit) and an RGB
 * secondary capture (100 x 100, 8-bit), each component rescaled to the bits asked for.
 */
final class TestImages {

    private static final int CT_SIZE = 512;
    private static final int RGB_SIZE = 100;

    private final int[] ct;
    private final int[][] rgb;

    private TestImages(int[] ct, int[][] rgb) {
        this.ct = ct;
        this.rgb = rgb;
    }

    static TestImages load() throws IOException {
        byte[] ctFrame = CorpusFrames.frames(SharedCorpus.dicom("pydicom-data/eCT_Supplemental.dcm"))
                .get(0);
        int[] ct = new int[CT_SIZE * CT_SIZE];
        for (int i = 0; i < ct.length; i++) {
            ct[i] = (ctFrame[2 * i] & 0xFF) | (ctFrame[2 * i + 1] & 0xFF) << 8;
        }
        byte[] rgbFrame = CorpusFrames.frames(SharedCorpus.dicom("pydicom-data/SC_rgb_2frame.dcm"))
                .get(0);
        int[][] rgb = new int[3][RGB_SIZE * RGB_SIZE];
        for (int i = 0; i < RGB_SIZE * RGB_SIZE; i++) {
            for (int c = 0; c < 3; c++) {
                rgb[c][i] = rgbFrame[3 * i + c] & 0xFF;
            }
        }
        return new TestImages(ct, rgb);
    }

    /** The CT slice, 512 x 512, at {@code bits} bits. */
    CharLsTool.Raw grey(int bits) {
        return raw(CT_SIZE, bits, List.of(rescale(ct, bits)));
    }

    /**
     * 100 x 100 with 1 to 4 components: red; red and the middle of the CT slice; RGB; RGB and the CT slice. Each at
     * {@code bits} bits.
     */
    CharLsTool.Raw colour(int components, int bits) {
        int[] ctMiddle = new int[RGB_SIZE * RGB_SIZE];
        int from = (CT_SIZE - RGB_SIZE) / 2;
        for (int y = 0; y < RGB_SIZE; y++) {
            System.arraycopy(ct, (from + y) * CT_SIZE + from, ctMiddle, y * RGB_SIZE, RGB_SIZE);
        }
        List<int[]> planes = switch (components) {
            case 1 -> List.of(rgb[0]);
            case 2 -> List.of(rgb[0], ctMiddle);
            case 3 -> List.of(rgb[0], rgb[1], rgb[2]);
            default -> List.of(rgb[0], rgb[1], rgb[2], ctMiddle);
        };
        return raw(RGB_SIZE, bits, planes.stream().map(p -> rescale(p, bits)).toList());
    }

    /** Interleaves square planes into the raw layout. */
    private static CharLsTool.Raw raw(int size, int bits, List<int[]> planes) {
        int bytes = bits > 8 ? 2 : 1;
        int components = planes.size();
        byte[] out = new byte[size * size * components * bytes];
        for (int i = 0; i < size * size; i++) {
            for (int c = 0; c < components; c++) {
                int v = planes.get(c)[i];
                int at = (i * components + c) * bytes;
                out[at] = (byte) v;
                if (bytes == 2) {
                    out[at + 1] = (byte) (v >> 8);
                }
            }
        }
        return new CharLsTool.Raw(size, size, components, bits, out);
    }

    /** The plane's values mapped linearly onto 0..2^bits - 1. */
    private static int[] rescale(int[] plane, int bits) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : plane) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        long top = (1L << bits) - 1;
        int[] out = new int[plane.length];
        for (int i = 0; i < plane.length; i++) {
            out[i] = (int) (max == min ? 0 : (plane[i] - min) * top / (max - min));
        }
        return out;
    }
}
