package org.openahi.dicom.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openahi.dicom.DicomParseException;

/**
 * A small JSON (RFC 8259) parser into plain values: {@link Map} (keys in document order), {@link List},
 * {@link String}, {@link Number} (the literal text, so {@code 5.0} stays {@code 5.0}), {@link Boolean} and
 * {@link #NULL}. Errors name the character offset; nesting is limited so hostile input cannot exhaust the stack.
 */
final class JsonTree {

    /** JSON {@code null} (a {@link Map} cannot hold Java {@code null} values unambiguously). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number as written. */
    record Number(String text) {}

    private static final int MAX_NESTING = 512;

    private final String text;
    private int pos;

    private JsonTree(String text) {
        this.text = text;
    }

    static Object parse(String text) throws DicomParseException {
        JsonTree p = new JsonTree(text);
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.fail("unexpected text after the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws DicomParseException {
        if (depth > MAX_NESTING) {
            throw fail("JSON nested deeper than " + MAX_NESTING + " levels");
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw fail("unexpected end of JSON");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) throws DicomParseException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw fail("expected a string key");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            if (map.put(key, value(depth + 1)) != null) {
                throw fail("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw fail("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws DicomParseException {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw fail("expected ',' or ']'");
            }
        }
    }

    private String string() throws DicomParseException {
        pos++;
        StringBuilder s = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw fail("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return s.toString();
            }
            if (c < 0x20) {
                throw fail("control character in string");
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> s.append(e);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw fail("truncated \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) {
                            throw fail("invalid \\u escape");
                        }
                        code = code << 4 | d;
                    }
                    s.append((char) code);
                }
                default -> throw fail("invalid escape \\" + e);
            }
        }
    }

    private Number number() throws DicomParseException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = digits();
        if (digits == 0 || digits > 1 && text.charAt(pos - digits) == '0') {
            throw fail("invalid number");
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            if (digits() == 0) {
                throw fail("invalid number");
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw fail("invalid number");
            }
        }
        return new Number(text.substring(start, pos));
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private Object literal(String word, Object value) throws DicomParseException {
        if (!text.startsWith(word, pos)) {
            throw fail("invalid literal");
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() throws DicomParseException {
        if (pos >= text.length()) {
            throw fail("unexpected end of JSON");
        }
        return text.charAt(pos);
    }

    private char next() throws DicomParseException {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) throws DicomParseException {
        if (next() != c) {
            throw fail("expected '" + c + "'");
        }
    }

    private DicomParseException fail(String reason) {
        return new DicomParseException(reason, pos, "");
    }
}
