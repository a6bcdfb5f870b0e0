package org.openahi.jpeg.colour;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.List;
import org.openahi.jpeg.image.ChromaPlane;
import org.openahi.jpeg.image.Plane;
import org.openahi.jpeg.markers.FrameComponent;
import org.openahi.jpeg.markers.FrameHeader;

/**
 * Writes the decoded image in DICOM's native layout: every component brought to full resolution
 * ({@link Upsampler}), optionally converted from YCbCr to RGB, interleaved, 1 byte per sample up to 8 bits of
 * precision, else 2 little-endian. Lines are written in order, as soon as the planes hold what they need. A
 * component without a plane is written into the output by the inverse DCT ({@code DirectOutput}), which
 * {@link #writtenDirectly} allows for 8-bit components at full resolution that are not converted.
 */
public final class Interleaver {

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final int width;
    private final int height;
    private final int bytes;
    private final int sampleBits;
    private final boolean toRgb;
    private final Upsampler[] upsamplers;
    private final short[][] lines;
    private final int[] offsets;
    private final byte[] out;
    /** Cb and Cr when they share a plane ({@link #sharesChroma}), written together; else null. */
    private final ChromaPlane chroma;
    /** Whether {@link #chroma} has half the image's height (4:2:0), else its height (4:2:2). */
    private final boolean chromaHalfHeight;
    /** Column sums of {@link #chroma}'s current line ({@link Upsampler#writeChroma}). */
    private final int[] chromaSums;
    /** The output as 16-bit samples, for grey lines copied in bulk (16-bit grey only). */
    private final ShortBuffer outShorts;

    private int next;

    /**
     * @param planes the components' samples, in frame order; null for a component written directly or in
     *               {@code chroma}
     * @param chroma Cb and Cr when they share a plane ({@link #sharesChroma}), else null
     * @param shifts left shift of each component's samples (the lossless point transform of its scan)
     * @param toRgb  convert three components from YCbCr to RGB
     */
    public Interleaver(FrameHeader frame, Plane[] planes, ChromaPlane chroma, int[] shifts, boolean toRgb) {
        this.width = frame.width();
        this.height = frame.height();
        int n = frame.components().size();
        this.bytes = frame.precision() > 8 ? 2 : 1;
        this.sampleBits = frame.precision() <= 8 ? 8 : frame.precision() <= 12 ? 12 : 16;
        this.toRgb = toRgb && n == 3;
        this.upsamplers = new Upsampler[n];
        for (FrameComponent c : frame.components()) {
            if (planes[c.index()] == null) {
                continue;
            }
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
        this.chroma = chroma;
        this.chromaSums = chroma != null ? new int[chroma.width()] : null;
        this.chromaHalfHeight =
                frame.maxV() == 2 * frame.components().get(n - 1).v();
        this.lines = new short[n][];
        this.offsets = new int[n];
        this.out = new byte[Math.multiplyExact(Math.multiplyExact(width * n, height), bytes)];
        this.outShorts = n == 1 && bytes == 2
                ? ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer()
                : null;
    }

    /**
     * Whether the inverse DCT may write component {@code c} straight into this output: 8-bit, at full resolution and
     * not converted to RGB.
     */
    public static boolean writtenDirectly(FrameHeader frame, FrameComponent c, boolean toRgb) {
        return frame.precision() == 8
                && !(toRgb && frame.components().size() == 3)
                && c.h() == frame.maxH()
                && c.v() == frame.maxV();
    }

    /**
     * Whether Cb and Cr share a {@link ChromaPlane} and are upsampled together: an 8-bit YCbCr frame kept as YCbCr
     * whose Y is written directly, Cb and Cr sampled alike at half its width and its full or half height (4:2:2,
     * 4:2:0), so both are interpolated ("fancy" upsampling, which a component 2 samples wide or less does not get).
     */
    public static boolean sharesChroma(FrameHeader frame, boolean toRgb) {
        List<FrameComponent> c = frame.components();
        if (c.size() != 3 || frame.lossless() || !writtenDirectly(frame, c.get(0), toRgb)) {
            return false;
        }
        FrameComponent cb = c.get(1);
        FrameComponent cr = c.get(2);
        return cb.h() == cr.h()
                && cb.v() == cr.v()
                && frame.maxH() == 2 * cb.h()
                && (frame.maxV() == cb.v() || frame.maxV() == 2 * cb.v())
                && cb.width() > 2;
    }

    /** The output array, which components written directly fill as they are decoded. */
    public byte[] buffer() {
        return out;
    }

    /** The whole image from complete planes. */
    public static byte[] assemble(FrameHeader frame, Plane[] planes, int[] shifts, boolean toRgb) {
        Interleaver interleaver = new Interleaver(frame, planes, null, shifts, toRgb);
        interleaver.writeLines(frame.height());
        return interleaver.output();
    }

    /** Writes the output lines from the first not yet written up to {@code end} (exclusive, at most the height). */
    public void writeLines(int end) {
        int n = upsamplers.length;
        int lineBytes = width * n * bytes;
        for (int y = next, o = next * lineBytes; y < Math.min(end, height); y++, o += lineBytes) {
            if (bytes == 1 && !toRgb) {
                writeBytes(y, o);
                next = y + 1;
                continue;
            }
            for (int c = 0; c < n; c++) {
                lines[c] = upsamplers[c].line(y);
                offsets[c] = upsamplers[c].offset();
            }
            if (toRgb && bytes == 1) {
                YbrToRgb.toBytes(lines[0], offsets[0], lines[1], offsets[1], lines[2], offsets[2], width, out, o);
            } else if (toRgb) {
                YbrToRgb.toShorts(
                        lines[0], offsets[0], lines[1], offsets[1], lines[2], offsets[2], width, sampleBits, out, o);
            } else if (n == 1) {
                copy(lines[0], offsets[0], o);
            } else {
                interleave(o);
            }
            next = y + 1;
        }
    }

    /** Line {@code y} of the 8-bit components not written directly, each in its place in the pixels at {@code o}. */
    private void writeBytes(int y, int o) {
        int n = upsamplers.length;
        if (chroma != null) {
            Upsampler.writeChroma(chroma, chromaHalfHeight, y, out, o + 1, width, chromaSums);
            return;
        }
        for (int c = 0; c < n; c++) {
            if (upsamplers[c] != null) {
                upsamplers[c].write(y, out, o + c, n);
            }
        }
    }

    /** The image, once every line is written. */
    public byte[] output() {
        if (next < height) {
            throw new IllegalStateException("lines " + next + " to " + height + " are not written yet");
        }
        return out;
    }

    /** A 16-bit grey line as it is. */
    private void copy(short[] line, int from, int o) {
        outShorts.put(o / 2, line, from, width);
    }

    /** 16-bit lines interleaved. */
    private void interleave(int o) {
        int n = lines.length;
        for (int c = 0; c < n; c++) {
            short[] line = lines[c];
            int from = offsets[c];
            for (int x = 0, at = o + 2 * c; x < width; x++, at += 2 * n) {
                SHORT_LE.set(out, at, line[from + x]);
            }
        }
    }
}
