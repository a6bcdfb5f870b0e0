package org.openahi.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding as SigV4 and the restJson1 bindings use it. */
public final class Percent {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Percent() {}

    /** Decodes %XX escapes as UTF-8; '+' stays '+'. Throws IllegalArgumentException on malformed input. */
    public static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("Truncated percent-escape in '" + text + "'");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("Malformed percent-escape in '" + text + "'");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Percent-escapes in '" + text + "' are not UTF-8");
        }
    }

    /** Encodes every byte except the unreserved characters A-Z a-z 0-9 - _ . ~ (and '/' when asked). */
    public static void encode(String text, boolean keepSlash, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append(c);
            } else if (c < 0x80) {
                appendEscape(out, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendEscape(out, b & 0xff);
                }
                i = end - 1;
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '~';
    }

    private static void appendEscape(StringBuilder out, int b) {
        out.append('%').append(HEX[b >>> 4]).append(HEX[b & 0xf]);
    }
}
