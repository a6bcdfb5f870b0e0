package org.openahi.server.dicomweb.rendered;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rendered resources' query parameters (PS3.18 §8.3.5.1) and the media type asked for: {@code window} (center,
 * width, function: linear, linear-exact or sigmoid), {@code viewport} (vw,vh or vw,vh,sx,sy,sw,sh), {@code quality}
 * (JPEG, 1-100). A malformed value is an {@link IllegalArgumentException} naming it.
 */
public record RenderParameters(Optional<Window> window, Optional<Viewport> viewport, int quality, String mediaType) {
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    static final int DEFAULT_QUALITY = 90;

    /** A VOI window: center and width in modality values (after Rescale Slope and Intercept). */
    public record Window(double center, double width, String function) {}

    /** The region of the frame to show ({@code sx,sy,sw,sh}, the whole frame when absent) and the size to fit it in. */
    public record Viewport(int width, int height, Optional<int[]> region) {}

    /**
     * @param windows the values of {@code window}, {@code viewport} and {@code quality} (each at most once)
     * @param accept what the client accepts, in order (query {@code accept} first, then the Accept header)
     */
    public static RenderParameters parse(
            List<String> windows, List<String> viewports, List<String> qualities, List<String> accept) {
        Optional<Window> window = single("window", windows).map(RenderParameters::window);
        Optional<Viewport> viewport = single("viewport", viewports).map(RenderParameters::viewport);
        int quality = single("quality", qualities)
                .map(text -> integer("quality", text, 1, 100))
                .orElse(DEFAULT_QUALITY);
        return new RenderParameters(window, viewport, quality, mediaType(accept));
    }

    private static Window window(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("window must be center,width[,function]; got '" + text + "'");
        }
        double center = number("window center", parts[0]);
        double width = number("window width", parts[1]);
        String function = parts.length == 3 ? parts[2].strip().toLowerCase(Locale.ROOT) : "linear";
        if (!List.of("linear", "linear-exact", "sigmoid").contains(function)) {
            throw new IllegalArgumentException(
                    "window function must be linear, linear-exact or sigmoid; got '" + parts[2] + "'");
        }
        if (width < (function.equals("linear") ? 1 : Double.MIN_VALUE)) {
            throw new IllegalArgumentException(
                    "window width must be " + (function.equals("linear") ? "at least 1" : "above 0") + " for "
                            + function + "; got " + parts[1]);
        }
        return new Window(center, width, function);
    }

    private static Viewport viewport(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2 && parts.length != 6) {
            throw new IllegalArgumentException("viewport must be vw,vh or vw,vh,sx,sy,sw,sh; got '" + text + "'");
        }
        int width = integer("viewport width", parts[0], 1, 4096);
        int height = integer("viewport height", parts[1], 1, 4096);
        if (parts.length == 2) {
            return new Viewport(width, height, Optional.empty());
        }
        int[] region = new int[4];
        for (int i = 0; i < 4; i++) {
            region[i] = integer("viewport region", parts[2 + i], i < 2 ? 0 : 1, 1 << 16);
        }
        return new Viewport(width, height, Optional.of(region));
    }

    private static String mediaType(List<String> accept) {
        for (String range : accept) {
            for (String item : range.split(",")) {
                String type = item.split(";")[0].strip().toLowerCase(Locale.ROOT);
                if (type.equals(PNG) || type.equals(JPEG)) {
                    return type;
                }
                if (type.equals("*/*") || type.equals("image/*")) {
                    return JPEG;
                }
            }
        }
        if (accept.isEmpty()) {
            return JPEG;
        }
        throw new UnsupportedOperationException("Rendered images are image/jpeg or image/png; accepted: " + accept);
    }

    private static Optional<String> single(String name, List<String> values) {
        if (values.size() > 1) {
            throw new IllegalArgumentException(name + " is given " + values.size() + " times");
        }
        return values.stream().findFirst();
    }

    private static double number(String name, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number; got '" + text + "'");
    }

    private static int integer(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                name + " must be an integer from " + min + " to " + max + "; got '" + text + "'");
    }
}
