package org.openahi.dicom.dict;

/**
 * Value Multiplicity of a dictionary entry (PS3.5 §6.4): between {@code min} and {@code max} values, in steps of
 * {@code step} ({@code 2-2n} is min 2, unbounded, step 2). {@code max} is {@link #UNBOUNDED} for {@code n}.
 */
public record ValueMultiplicity(int min, int max, int step) {

    public static final int UNBOUNDED = Integer.MAX_VALUE;

    /** Parses the notation of PS3.6: {@code 1}, {@code 1-3}, {@code 1-n}, {@code 2-2n}, {@code 3-n}. */
    public static ValueMultiplicity parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            int n = Integer.parseInt(text);
            return new ValueMultiplicity(n, n, 1);
        }
        int min = Integer.parseInt(text.substring(0, dash));
        String upper = text.substring(dash + 1);
        if (upper.endsWith("n")) {
            String factor = upper.substring(0, upper.length() - 1);
            return new ValueMultiplicity(min, UNBOUNDED, factor.isEmpty() ? 1 : Integer.parseInt(factor));
        }
        return new ValueMultiplicity(min, Integer.parseInt(upper), 1);
    }

    /** True when the standard allows more than one value, i.e. the value is a list rather than a scalar. */
    public boolean allowsMultiple() {
        return max > 1;
    }

    @Override
    public String toString() {
        if (min == max) {
            return Integer.toString(min);
        }
        return min + "-" + (max == UNBOUNDED ? (step == 1 ? "" : Integer.toString(step)) + "n" : Integer.toString(max));
    }
}
