package org.openahi.jpeg.colour;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import org.openahi.jpeg.image.Plane;
import org.openahi.jpeg.markers.FrameComponent;
import org.openahi.jpeg.markers.FrameHeader;

/**
 * Writes the decoded image in DICOM's native layout: every component brought to full resolution
 * ({@link Upsampler}), optionally converted from YCbCr to RGB, interleaved, 1 byte per sample up to 8 bits of
 * precision, else 2 little-endian.
 */
public final class Interleaver {

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private Interleaver() {}

    /**
     * @param planes the components' samples, in frame order
     * @param shifts left shift of each component's samples (the lossless point transform of its scan)
     * @param toRgb  convert three components from YCbCr to RGB
     */
    public static byte[] assemble(FrameHeader frame, Plane[] planes, int[] shifts, boolean toRgb) {
        int width = frame.width();
        int height = frame.height();
        int n = frame.components().size();
        int bytes = frame.precision() > 8 ? 2 : 1;
        int sampleBits = frame.precision() <= 8 ? 8 : frame.precision() <= 12 ? 12 : 16;
        Upsampler[] upsamplers = new Upsampler[n];
        for (FrameComponent c : frame.components()) {
            upsamplers[c.index()] = new Upsampler(
                    planes[c.index()],
                    c.h(),
                    c.v(),
                    frame.maxH(),
                    frame.maxV(),
                    width,
                    !frame.lossless(),
                    shifts[c.index()]);
        }
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width * n, height), bytes)];
        if (n == 1 && upsamplers[0].copiesPlane()) {
            copy(planes[0], width, height, bytes, out);
            return out;
        }
        short[][] lines = new short[n][];
        int[] offsets = new int[n];
        int o = 0;
        int lineBytes = width * n * bytes;
        for (int y = 0; y < height; y++, o += lineBytes) {
            for (int c = 0; c < n; c++) {
                lines[c] = upsamplers[c].line(y);
                offsets[c] = upsamplers[c].offset();
            }
            if (toRgb && n == 3 && bytes == 1) {
                YbrToRgb.toBytes(lines[0], offsets[0], lines[1], offsets[1], lines[2], offsets[2], width, out, o);
            } else if (toRgb && n == 3) {
                YbrToRgb.toShorts(
                        lines[0], offsets[0], lines[1], offsets[1], lines[2], offsets[2], width, sampleBits, out, o);
            } else {
                interleave(lines, offsets, width, bytes, out, o);
            }
        }
        return out;
    }

    /** A grey image at full resolution: the plane's rows as they are. */
    private static void copy(Plane plane, int width, int height, int bytes, byte[] out) {
        short[] s = plane.samples();
        int stride = plane.stride();
        if (bytes == 2) {
            ShortBuffer target =
                    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            for (int y = 0; y < height; y++) {
                target.put(s, y * stride, width);
            }
            return;
        }
        for (int y = 0, o = 0; y < height; y++) {
            for (int x = 0, row = y * stride; x < width; x++) {
                out[o++] = (byte) s[row + x];
            }
        }
    }

    private static void interleave(short[][] lines, int[] offsets, int width, int bytes, byte[] out, int o) {
        int n = lines.length;
        for (int c = 0; c < n; c++) {
            short[] line = lines[c];
            int from = offsets[c];
            if (bytes == 1) {
                for (int x = 0, at = o + c; x < width; x++, at += n) {
                    out[at] = (byte) line[from + x];
                }
            } else {
                for (int x = 0, at = o + 2 * c; x < width; x++, at += 2 * n) {
                    SHORT_LE.set(out, at, line[from + x]);
                }
            }
        }
    }
}
