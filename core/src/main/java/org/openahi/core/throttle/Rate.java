package org.openahi.core.throttle;

/** A token bucket's shape: tokens added per second, and how many it holds (the burst). */
public record Rate(double perSecond, int burst) {
    public Rate {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate needs a positive rate per second and a burst of at least 1");
        }
    }

    /** {@code 10/20}: 10 per second, burst 20. */
    public static Rate parse(String text) {
        String[] parts = text.strip().split("/");
        try {
            if (parts.length == 2) {
                return new Rate(Double.parseDouble(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a rate of the form <per second>/<burst>, e.g. 10/20");
    }

    @Override
    public String toString() {
        return (perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond)) + "/"
                + burst;
    }
}
