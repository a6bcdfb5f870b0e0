package org.openahi.dicom.json;

/**
 * The number forms DICOM JSON uses for IS and DS (PS3.18 §F.2.3): the decimal text as written in the data set,
 * made a valid JSON number ({@code +1.5} → {@code 1.5}, {@code .5} → {@code 0.5}, {@code 007} → {@code 7},
 * {@code 5.} → {@code 5}). Text that is not a number has no JSON number form.
 */
final class JsonNumbers {

    private JsonNumbers() {}

    /** The JSON number for a DS (or IS) value, or {@code null} when the value is not a decimal number. */
    static String decimal(String text) {
        int i = 0;
        int n = text.length();
        StringBuilder out = new StringBuilder(n + 1);
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            if (text.charAt(i) == '-') {
                out.append('-');
            }
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        String integer = text.substring(intStart, i);
        String fraction = "";
        if (i < n && text.charAt(i) == '.') {
            int fracStart = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            fraction = text.substring(fracStart, i);
        }
        if (integer.isEmpty() && fraction.isEmpty()) {
            return null;
        }
        String exponent = "";
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int expStart = ++i;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int digits = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (digits == i) {
                return null;
            }
            exponent = "e" + text.substring(expStart, i);
        }
        if (i != n) {
            return null;
        }
        String stripped = integer.replaceFirst("^0+(?=.)", "");
        out.append(stripped.isEmpty() ? "0" : stripped);
        if (!fraction.isEmpty()) {
            out.append('.').append(fraction);
        }
        return out.append(exponent).toString();
    }

    /** The JSON number for an IS value, or {@code null} when it is not an integer. */
    static String integer(String text) {
        String number = decimal(text);
        return number == null || number.indexOf('.') >= 0 || number.indexOf('e') >= 0 ? null : number;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
