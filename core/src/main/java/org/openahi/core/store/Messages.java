package org.openahi.core.store;

/**
 * Messages stored on jobs and image set versions must fit the model's {@code Message} shape: 1–2048
 * characters of {@code [\w -:`]} (letters, digits, underscore, space through colon, backtick). Anything else
 * is replaced by the nearest allowed character, so a reason is never lost for a character it contains.
 */
public final class Messages {
    public static final int MAX_LENGTH = 2048;

    private Messages() {}

    public static String fit(String text) {
        StringBuilder fitted = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        for (int i = 0; i < text.length() && fitted.length() < MAX_LENGTH; i++) {
            fitted.append(allowed(text.charAt(i)));
        }
        String result = fitted.toString().strip();
        return result.isEmpty() ? "-" : result;
    }

    private static char allowed(char c) {
        if ((c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '`'
                || (c >= ' ' && c <= ':')) {
            return c;
        }
        return switch (c) {
            case '[', '{', '<' -> '(';
            case ']', '}', '>' -> ')';
            case ';' -> ',';
            case '=' -> ':';
            default -> ' ';
        };
    }
}
