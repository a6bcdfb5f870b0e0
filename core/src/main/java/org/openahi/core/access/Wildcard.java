package org.openahi.core.access;

/** IAM's wildcard match: {@code *} any run of characters (also none), {@code ?} any one character. */
final class Wildcard {
    private Wildcard() {}

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        return matches(pattern, 0, value, 0, ignoreCase);
    }

    private static boolean matches(String pattern, int p, String value, int v, boolean ignoreCase) {
        // Iterative with one backtrack point: the last '*' seen, as glob matchers do, so no input is exponential.
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length()
                    && (pattern.charAt(p) == '?' || same(pattern.charAt(p), value.charAt(v), ignoreCase))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }
}
