package org.openahi.dicom.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A coded character set that ISO 2022 designates into G0 (bytes 0x21-0x7E) or G1 (bytes 0xA1-0xFE), with the
 * escape sequence that designates it (PS3.3 Tables C.12-3 and C.12-4). Multi-byte Japanese sets are decoded through
 * EUC-JP, whose byte layout is the ISO 2022 one with the high bit set.
 */
enum GraphicSet {
    ASCII(false, 1, "(B", null),
    /** JIS X 0201 Romaji; decoded as ASCII, because DICOM delimiters (backslash) keep their ASCII meaning. */
    JIS_ROMAN(false, 1, "(J", null),
    JIS_X0208(false, 2, "$B", "EUC-JP"),
    JIS_X0212(false, 2, "$(D", "EUC-JP"),
    KATAKANA(true, 1, ")I", "JIS_X0201"),
    KS_X1001(true, 2, "$)C", "EUC-KR"),
    GB2312(true, 2, "$)A", "GB2312"),
    LATIN1(true, 1, "-A", "ISO-8859-1"),
    LATIN2(true, 1, "-B", "ISO-8859-2"),
    LATIN3(true, 1, "-C", "ISO-8859-3"),
    LATIN4(true, 1, "-D", "ISO-8859-4"),
    CYRILLIC(true, 1, "-L", "ISO-8859-5"),
    ARABIC(true, 1, "-G", "ISO-8859-6"),
    GREEK(true, 1, "-F", "ISO-8859-7"),
    HEBREW(true, 1, "-H", "ISO-8859-8"),
    LATIN5(true, 1, "-M", "ISO-8859-9"),
    LATIN9(true, 1, "-b", "ISO-8859-15"),
    THAI(true, 1, "-T", "TIS-620");

    private static final byte ESC = 0x1B;

    final boolean g1;
    final int bytesPerChar;
    /** The escape sequence without its leading ESC byte. */
    final byte[] escape;
    /** The charset decoding this set's bytes with the high bit set (EUC form), or whole single-byte values. */
    final Charset charset;

    GraphicSet(boolean g1, int bytesPerChar, String escape, String charset) {
        this.g1 = g1;
        this.bytesPerChar = bytesPerChar;
        this.escape = escape.getBytes(StandardCharsets.US_ASCII);
        this.charset = charset == null ? StandardCharsets.US_ASCII : Charset.forName(charset);
    }

    /** The set whose escape sequence (after ESC) starts at {@code bytes[from]}, or {@code null}. */
    static GraphicSet forEscape(byte[] bytes, int from, int end) {
        for (GraphicSet set : values()) {
            int n = set.escape.length;
            if (end - from >= n && Arrays.equals(bytes, from, from + n, set.escape, 0, n)) {
                return set;
            }
        }
        return null;
    }

    /** Decodes bytes designated to this set (G0 bytes or G1 bytes as they appear in the value). */
    void decode(byte[] run, int length, StringBuilder out) {
        switch (this) {
            case ASCII, JIS_ROMAN -> out.append(new String(run, 0, length, StandardCharsets.ISO_8859_1));
            case JIS_X0208 -> out.append(new String(highBits(run, length, (byte) 0, 2), charset));
            case JIS_X0212 -> out.append(new String(highBits(run, length, (byte) 0x8F, 2), charset));
            default -> out.append(new String(highBits(run, length, (byte) 0, bytesPerChar), charset));
        }
    }

    /** EUC form: every byte with the high bit set, each character optionally preceded by a single-shift byte. */
    private static byte[] highBits(byte[] run, int length, byte shift, int bytesPerChar) {
        int chars = (length + bytesPerChar - 1) / bytesPerChar; // a truncated last character counts too
        byte[] euc = new byte[length + (shift == 0 ? 0 : chars)];
        int o = 0;
        for (int i = 0; i < length; i++) {
            if (shift != 0 && i % bytesPerChar == 0) {
                euc[o++] = shift;
            }
            euc[o++] = (byte) (run[i] | 0x80);
        }
        return euc;
    }

    /**
     * Encodes one character (code point) into this set's bytes as they are written in the value (G0 sets without,
     * G1 sets with the high bit), or returns {@code null} when the set has no such character.
     */
    byte[] encode(int codePoint) {
        if (this == ASCII || this == JIS_ROMAN) {
            return codePoint < 0x80 && codePoint != ESC ? new byte[] {(byte) codePoint} : null;
        }
        CharsetEncoder encoder = charset.newEncoder();
        byte[] encoded;
        try {
            ByteBuffer b = encoder.encode(CharBuffer.wrap(Character.toChars(codePoint)));
            encoded = new byte[b.remaining()];
            b.get(encoded);
        } catch (CharacterCodingException e) {
            return null;
        }
        return switch (this) {
            case JIS_X0208 -> encoded.length == 2 && (encoded[0] & 0xFF) >= 0xA1 ? lowBits(encoded, 0) : null;
            case JIS_X0212 -> encoded.length == 3 && (encoded[0] & 0xFF) == 0x8F ? lowBits(encoded, 1) : null;
            default -> encoded.length == bytesPerChar && allHigh(encoded) ? encoded : null;
        };
    }

    private static byte[] lowBits(byte[] euc, int from) {
        byte[] out = new byte[euc.length - from];
        for (int i = from; i < euc.length; i++) {
            out[i - from] = (byte) (euc[i] & 0x7F);
        }
        return out;
    }

    private static boolean allHigh(byte[] bytes) {
        for (byte b : bytes) {
            if ((b & 0x80) == 0) {
                return false;
            }
        }
        return true;
    }
}
