package org.openahi.server.dicomweb.rendered;

/** The VOI LUT functions of PS3.3 C.11.2.1.2 and C.11.2.1.3, to 8 bits (0-255), rounded to the nearest. */
final class Voi {
    private static final double Y_MAX = 255;

    private Voi() {}

    static int apply(RenderParameters.Window window, double x) {
        double c = window.center();
        double w = window.width();
        double y = switch (window.function()) {
            case "linear-exact" -> x <= c - w / 2 ? 0 : x > c + w / 2 ? Y_MAX : ((x - c) / w + 0.5) * Y_MAX;
            case "sigmoid" -> Y_MAX / (1 + Math.exp(-4 * (x - c) / w));
            default ->
                x <= c - 0.5 - (w - 1) / 2
                        ? 0
                        : x > c - 0.5 + (w - 1) / 2 ? Y_MAX : ((x - (c - 0.5)) / (w - 1) + 0.5) * Y_MAX;
        };
        return (int) Math.round(Math.max(0, Math.min(Y_MAX, y)));
    }
}
