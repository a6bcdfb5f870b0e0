package org.openahi.htj2k;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openahi.testing.Oracles;

/** OpenJPEG's {@code opj_decompress} as the reference decoder of JPEG 2000 Part 1, in the raw layout. */
final class OpenJpeg {

    private OpenJpeg() {}

    /**
     * The samples {@code opj_decompress} gives for {@code codestream} (a .j2k or .jp2 file) with {@code level}
     * resolutions discarded: planar, little-endian, 1 byte each up to 8 bits else 2.
     */
    static byte[] decode(Path dir, Path codestream, int level) throws Exception {
        byte[] out = tryDecode(dir, codestream, level);
        if (out == null) {
            throw new AssertionError("opj_decompress could not decode " + codestream);
        }
        return out;
    }

    /** {@link #decode}, or null when {@code opj_decompress} refuses the input. */
    static byte[] tryDecode(Path dir, Path codestream, int level) throws Exception {
        Path out = dir.resolve("opj-" + level + ".rawl");
        Files.deleteIfExists(out);
        Oracles.Result result = Oracles.run(
                Oracles.require("opj_decompress"),
                "-i",
                codestream.toString(),
                "-o",
                out.toString(),
                "-r",
                String.valueOf(level));
        return result.exitCode() == 0 && Files.exists(out) ? Files.readAllBytes(out) : null;
    }

    /**
     * The values of OpenJPEG's raw output: it writes the low {@code depth} bits of each sample (a signed 12-bit
     * -1 is 0x0FFF), so they are sign-extended from there.
     */
    static int[] values(byte[] raw, int depth, boolean signed) {
        int bytes = depth > 8 ? 2 : 1;
        int[] out = new int[raw.length / bytes];
        int up = 32 - depth;
        for (int i = 0; i < out.length; i++) {
            int v = bytes == 1 ? raw[i] & 0xFF : (raw[2 * i] & 0xFF) | (raw[2 * i + 1] & 0xFF) << 8;
            out[i] = signed ? v << up >> up : v << up >>> up;
        }
        return out;
    }

    /** Our image's values in OpenJPEG's raw order: the components one after the other. */
    static int[] planar(DecodedImage image) {
        int[] interleaved = image.samples();
        int n = image.components();
        int plane = image.width() * image.height();
        int[] out = new int[interleaved.length];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < n; c++) {
                out[c * plane + i] = interleaved[i * n + c];
            }
        }
        return out;
    }
}
