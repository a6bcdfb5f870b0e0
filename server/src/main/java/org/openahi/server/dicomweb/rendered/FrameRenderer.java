package org.openahi.server.dicomweb.rendered;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.UnsupportedPixelsException;

/**
 * Turns one frame's native samples into 8-bit display values (PS3.3 C.11): the Modality LUT (Rescale Slope and
 * Intercept), then the VOI window — the one asked for, else the instance's first Window Center and Width, else the
 * frame's range — with the function of PS3.3 C.11.2.1.2 (linear, linear-exact, sigmoid); MONOCHROME1 inverted.
 * RGB, YBR_FULL and YBR_FULL_422 frames are shown as their colours (samples above 8 bits shifted down), PALETTE COLOR
 * ones through their palette. Then the viewport:
 * the region cropped and scaled to fit, aspect kept, nearest sample.
 */
public final class FrameRenderer {
    private FrameRenderer() {}

    /**
     * What the instance says about how to show its frames; {@code floatSamples} when its pixel data is Float or Double
     * Float Pixel Data (IEEE 754 samples of Bits Allocated bits, parametric maps) rather than integers.
     */
    public record Presentation(
            double rescaleSlope,
            double rescaleIntercept,
            Optional<RenderParameters.Window> defaultWindow,
            Optional<Palette> palette,
            boolean floatSamples) {}

    /** A rendered image: {@code components} 1 (grey) or 3 (RGB) 8-bit samples per pixel, row by row. */
    public record Image(int width, int height, int components, byte[] samples) {}

    public static Image render(byte[] frame, PixelLayout layout, Presentation presentation, RenderParameters parameters)
            throws UnsupportedPixelsException {
        Image full;
        if (layout.samplesPerPixel() == 1 && layout.photometricInterpretation().equals("PALETTE COLOR")) {
            full = palette(
                    frame,
                    layout,
                    presentation
                            .palette()
                            .orElseThrow(() -> new UnsupportedPixelsException("PALETTE COLOR without a palette")));
        } else {
            full = layout.samplesPerPixel() == 1
                    ? grey(frame, layout, presentation, parameters.window())
                    : colour(frame, layout);
        }
        return parameters.viewport().map(viewport -> fit(full, viewport)).orElse(full);
    }

    private static Image grey(
            byte[] frame, PixelLayout layout, Presentation presentation, Optional<RenderParameters.Window> asked)
            throws UnsupportedPixelsException {
        if (!layout.photometricInterpretation().startsWith("MONOCHROME")) {
            throw new UnsupportedPixelsException("one sample per pixel with Photometric Interpretation '"
                    + layout.photometricInterpretation() + "' cannot be rendered (MONOCHROME1 and MONOCHROME2 can)");
        }
        int pixels = layout.rows() * layout.columns();
        double[] values = new double[pixels];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pixels; i++) {
            double stored = presentation.floatSamples() ? floatSample(frame, layout, i) : sample(frame, layout, i);
            double value = stored * presentation.rescaleSlope() + presentation.rescaleIntercept();
            values[i] = value;
            if (Double.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min > max) {
            min = 0;
            max = 0;
        }
        RenderParameters.Window window = asked.or(presentation::defaultWindow)
                .orElse(new RenderParameters.Window(
                        (min + max) / 2, rangeWidth(min, max, presentation), "linear-exact"));
        boolean invert = layout.photometricInterpretation().equals("MONOCHROME1");
        byte[] out = new byte[pixels];
        for (int i = 0; i < pixels; i++) {
            int y = Voi.apply(window, values[i]);
            out[i] = (byte) (invert ? 255 - y : y);
        }
        return new Image(layout.columns(), layout.rows(), 1, out);
    }

    /** The frame's range as a window width: at least 1 between integers, any positive width between floats. */
    private static double rangeWidth(double min, double max, Presentation presentation) {
        return presentation.floatSamples() && max > min ? max - min : Math.max(max - min, 1);
    }

    /** The stored value of sample {@code index} (one sample per pixel), sign-extended from Bits Stored. */
    static long sample(byte[] frame, PixelLayout layout, int index) throws UnsupportedPixelsException {
        long raw;
        switch (layout.bitsAllocated()) {
            case 1 -> raw = frame[index >>> 3] >> (index & 7) & 1; // PS3.5 §8.1.1: the first pixel in bit 0
            case 8 -> raw = frame[index] & 0xFF;
            case 16 -> raw = (frame[2 * index] & 0xFF) | (frame[2 * index + 1] & 0xFF) << 8;
            case 32 ->
                raw = (frame[4 * index] & 0xFFL)
                        | (frame[4 * index + 1] & 0xFFL) << 8
                        | (frame[4 * index + 2] & 0xFFL) << 16
                        | (frame[4 * index + 3] & 0xFFL) << 24;
            default ->
                throw new UnsupportedPixelsException(
                        "Bits Allocated " + layout.bitsAllocated() + " cannot be rendered (1, 8, 16 and 32 can)");
        }
        long masked = raw & ((1L << layout.bitsStored()) - 1);
        if (layout.signed() && (masked & (1L << (layout.bitsStored() - 1))) != 0) {
            masked -= 1L << layout.bitsStored();
        }
        return masked;
    }

    /** Sample {@code index} of Float (32-bit) or Double Float (64-bit) Pixel Data, little endian. */
    static double floatSample(byte[] frame, PixelLayout layout, int index) throws UnsupportedPixelsException {
        ByteBuffer buffer = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        return switch (layout.bitsAllocated()) {
            case 32 -> buffer.getFloat(4 * index);
            case 64 -> buffer.getDouble(8 * index);
            default ->
                throw new UnsupportedPixelsException("float samples of Bits Allocated " + layout.bitsAllocated()
                        + " cannot be rendered (32 and 64 can)");
        };
    }

    private static Image palette(byte[] frame, PixelLayout layout, Palette palette) throws UnsupportedPixelsException {
        int pixels = layout.rows() * layout.columns();
        byte[] out = new byte[pixels * 3];
        for (int i = 0; i < pixels; i++) {
            palette.colour(sample(frame, layout, i), out, 3 * i);
        }
        return new Image(layout.columns(), layout.rows(), 3, out);
    }

    private static Image colour(byte[] frame, PixelLayout layout) throws UnsupportedPixelsException {
        String photometric = layout.photometricInterpretation();
        if (layout.samplesPerPixel() != 3
                || !(photometric.equals("RGB")
                        || photometric.equals("YBR_FULL")
                        || photometric.equals("YBR_FULL_422"))) {
            throw new UnsupportedPixelsException(layout.samplesPerPixel() + " samples per pixel with Photometric "
                    + "Interpretation '" + photometric + "' cannot be rendered (RGB, YBR_FULL and YBR_FULL_422 can)");
        }
        int pixels = layout.rows() * layout.columns();
        int bytes = layout.bitsAllocated() / 8;
        if (photometric.equals("YBR_FULL_422")) {
            return subsampled(frame, layout);
        }
        if (bytes != 1 && bytes != 2) {
            throw new UnsupportedPixelsException(
                    "colour frames of Bits Allocated " + layout.bitsAllocated() + " cannot be rendered (8 and 16 can)");
        }
        int shift = Math.max(0, layout.bitsStored() - 8);
        byte[] out = new byte[pixels * 3];
        for (int i = 0; i < pixels; i++) {
            int[] c = new int[3];
            for (int k = 0; k < 3; k++) {
                int index = layout.planar() ? k * pixels + i : i * 3 + k;
                int value = bytes == 1
                        ? frame[index] & 0xFF
                        : (frame[2 * index] & 0xFF) | (frame[2 * index + 1] & 0xFF) << 8;
                c[k] = Math.min(255, value >> shift);
            }
            if (photometric.equals("YBR_FULL")) {
                c = rgb(c[0], c[1], c[2]);
            }
            out[3 * i] = (byte) c[0];
            out[3 * i + 1] = (byte) c[1];
            out[3 * i + 2] = (byte) c[2];
        }
        return new Image(layout.columns(), layout.rows(), 3, out);
    }

    /** Native YBR_FULL_422: each two pixels of a row are Y Y Cb Cr (PS3.3 C.7.6.3.1.2), 8 bits each. */
    private static Image subsampled(byte[] frame, PixelLayout layout) throws UnsupportedPixelsException {
        if (layout.bitsAllocated() != 8 || layout.columns() % 2 != 0) {
            throw new UnsupportedPixelsException("YBR_FULL_422 frames of Bits Allocated " + layout.bitsAllocated()
                    + " and " + layout.columns() + " columns cannot be rendered (8 bits, even columns can)");
        }
        int pixels = layout.rows() * layout.columns();
        byte[] out = new byte[pixels * 3];
        for (int i = 0; i < pixels; i++) {
            int pair = 4 * (i / 2);
            int[] c = rgb(frame[pair + i % 2] & 0xFF, frame[pair + 2] & 0xFF, frame[pair + 3] & 0xFF);
            out[3 * i] = (byte) c[0];
            out[3 * i + 1] = (byte) c[1];
            out[3 * i + 2] = (byte) c[2];
        }
        return new Image(layout.columns(), layout.rows(), 3, out);
    }

    /** YBR_FULL to RGB (PS3.3 C.7.6.3.1.2, ITU-R BT.601 full range). */
    private static int[] rgb(int y, int cb, int cr) {
        return new int[] {
            clamp(y + 1.402 * (cr - 128)),
            clamp(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128)),
            clamp(y + 1.772 * (cb - 128))
        };
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    /** The viewport's region of the image, scaled to fit its size with the aspect ratio kept (nearest sample). */
    static Image fit(Image image, RenderParameters.Viewport viewport) {
        int[] region = viewport.region().orElse(new int[] {0, 0, image.width(), image.height()});
        int sx = Math.min(region[0], image.width() - 1);
        int sy = Math.min(region[1], image.height() - 1);
        int sw = Math.min(region[2], image.width() - sx);
        int sh = Math.min(region[3], image.height() - sy);
        double scale = Math.min((double) viewport.width() / sw, (double) viewport.height() / sh);
        int width = Math.max(1, (int) Math.round(sw * scale));
        int height = Math.max(1, (int) Math.round(sh * scale));
        int components = image.components();
        byte[] out = new byte[width * height * components];
        for (int y = 0; y < height; y++) {
            int from = sy + Math.min(sh - 1, (int) ((y + 0.5) * sh / height));
            for (int x = 0; x < width; x++) {
                int column = sx + Math.min(sw - 1, (int) ((x + 0.5) * sw / width));
                System.arraycopy(
                        image.samples(),
                        (from * image.width() + column) * components,
                        out,
                        (y * width + x) * components,
                        components);
            }
        }
        return new Image(width, height, components, out);
    }
}
