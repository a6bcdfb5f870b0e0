package org.openahi.dicom.charset;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where text values are decoded and encoded: the character sets named by Specific Character Set
 * (0008,0005), PS3.3 §C.12.1.1.2 and PS3.5 §6.1. Covers every defined term: the single-byte sets (ISO_IR 100, 101,
 * 109, 110, 144, 127, 126, 138, 148, 203, 166, 13), their ISO 2022 forms with code extensions including the
 * multi-byte IR 87, 159, 149 and 58, and UTF-8 (ISO_IR 192), GB18030 and GBK.
 *
 * <p>Decoding never fails: bytes a set cannot map become U+FFFD, and bytes above 0x7F where no set covers them are
 * read as ISO 8859-1 (the common producer mistake of Latin-1 text without Specific Character Set). Unknown defined
 * terms are listed by {@link #unknownTerms()} and treated like that too.
 */
public final class SpecificCharacterSet {

    /** The default repertoire (ASCII): no Specific Character Set. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of());

    private static final byte ESC = 0x1B;
    private static final Map<String, Term> TERMS = new HashMap<>();

    /** What a defined term selects: a whole-value charset, or the sets ISO 2022 starts with or may designate. */
    private record Term(boolean iso2022, Charset whole, GraphicSet g0, GraphicSet g1, List<GraphicSet> designatable) {}

    static {
        TERMS.put("", new Term(false, null, GraphicSet.ASCII, null, List.of()));
        TERMS.put("ISO 2022 IR 6", new Term(true, null, GraphicSet.ASCII, null, List.of(GraphicSet.ASCII)));
        String[][] singleByte = {
            {"100", "LATIN1"}, {"101", "LATIN2"}, {"109", "LATIN3"}, {"110", "LATIN4"}, {"144", "CYRILLIC"},
            {"127", "ARABIC"}, {"126", "GREEK"}, {"138", "HEBREW"}, {"148", "LATIN5"}, {"203", "LATIN9"},
            {"166", "THAI"}
        };
        for (String[] s : singleByte) {
            GraphicSet g1 = GraphicSet.valueOf(s[1]);
            TERMS.put("ISO_IR " + s[0], new Term(false, null, GraphicSet.ASCII, g1, List.of()));
            TERMS.put("ISO 2022 IR " + s[0], new Term(true, null, GraphicSet.ASCII, g1, List.of(g1)));
        }
        TERMS.put("ISO_IR 13", new Term(false, null, GraphicSet.JIS_ROMAN, GraphicSet.KATAKANA, List.of()));
        TERMS.put(
                "ISO 2022 IR 13",
                new Term(
                        true,
                        null,
                        GraphicSet.JIS_ROMAN,
                        GraphicSet.KATAKANA,
                        List.of(GraphicSet.JIS_ROMAN, GraphicSet.KATAKANA)));
        TERMS.put("ISO 2022 IR 87", new Term(true, null, null, null, List.of(GraphicSet.JIS_X0208)));
        TERMS.put("ISO 2022 IR 159", new Term(true, null, null, null, List.of(GraphicSet.JIS_X0212)));
        TERMS.put("ISO 2022 IR 149", new Term(true, null, null, null, List.of(GraphicSet.KS_X1001)));
        TERMS.put("ISO 2022 IR 58", new Term(true, null, null, null, List.of(GraphicSet.GB2312)));
        TERMS.put("ISO_IR 192", new Term(false, StandardCharsets.UTF_8, null, null, List.of()));
        TERMS.put("GB18030", new Term(false, Charset.forName("GB18030"), null, null, List.of()));
        TERMS.put("GBK", new Term(false, Charset.forName("GBK"), null, null, List.of()));
    }

    private final List<String> terms;
    private final List<String> unknownTerms = new ArrayList<>();
    /** Set for UTF-8, GB18030, GBK: the whole value is decoded with it and no escape applies. */
    private final Charset whole;

    private final GraphicSet initialG0;
    private final GraphicSet initialG1;
    /** Sets an escape may designate, in the order of the terms (the encoder tries them in this order). */
    private final List<GraphicSet> designatable = new ArrayList<>();

    private SpecificCharacterSet(List<String> terms) {
        this.terms = List.copyOf(terms);
        Charset wholeCharset = null;
        GraphicSet g0 = GraphicSet.ASCII;
        GraphicSet g1 = null;
        for (int i = 0; i < terms.size(); i++) {
            Term term = TERMS.get(terms.get(i).strip());
            if (term == null) {
                unknownTerms.add(terms.get(i));
                continue;
            }
            if (i == 0) {
                wholeCharset = term.whole();
                g0 = term.g0() == null ? GraphicSet.ASCII : term.g0();
                g1 = term.g1();
            }
            designatable.addAll(term.designatable());
        }
        this.whole = wholeCharset;
        this.initialG0 = g0;
        this.initialG1 = g1;
    }

    /** The character set named by the values of Specific Character Set (0008,0005); no values is the default. */
    public static SpecificCharacterSet of(List<String> definedTerms) {
        return definedTerms.isEmpty() ? DEFAULT : new SpecificCharacterSet(definedTerms);
    }

    public static SpecificCharacterSet of(String... definedTerms) {
        return of(List.of(definedTerms));
    }

    /** The defined terms as given. */
    public List<String> terms() {
        return terms;
    }

    /** Terms this class does not know; text in them is decoded as described in the class documentation. */
    public List<String> unknownTerms() {
        return List.copyOf(unknownTerms);
    }

    /** True when the bytes need no character set: none above 0x7F and no escape sequence. */
    public static boolean isAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0 || bytes[i] == ESC) {
                return false;
            }
        }
        return true;
    }

    /** Decodes a whole text value (all its backslash-separated values); never throws. */
    public String decode(byte[] bytes, int from, int to) {
        if (isAscii(bytes, from, to)) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        if (whole != null) {
            return new String(bytes, from, to - from, whole);
        }
        return decodeIso2022(bytes, from, to);
    }

    public String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    private String decodeIso2022(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        byte[] run = new byte[to - from];
        int runLength = 0;
        GraphicSet runSet = null;
        GraphicSet g0 = initialG0;
        GraphicSet g1 = initialG1;
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (b == ESC) {
                GraphicSet designated = GraphicSet.forEscape(bytes, i + 1, to);
                if (designated != null) {
                    if (designated.g1) {
                        g1 = designated;
                    } else {
                        g0 = designated;
                    }
                    i += 1 + designated.escape.length;
                    continue;
                }
            }
            GraphicSet set;
            if (b < 0x20 || b == 0x7F) {
                set = GraphicSet.ASCII; // control characters; CR, LF, FF and TAB also end any code extension
                if (b != ESC) {
                    g0 = initialG0;
                    g1 = initialG1;
                }
            } else if (b < 0x80) {
                set = g0;
            } else {
                set = g1 == null ? GraphicSet.LATIN1 : g1;
            }
            int n = Math.min(set.bytesPerChar, to - i);
            if (set != runSet && runLength > 0) {
                runSet.decode(run, runLength, out);
                runLength = 0;
            }
            runSet = set;
            System.arraycopy(bytes, i, run, runLength, n);
            runLength += n;
            i += n;
        }
        if (runLength > 0) {
            runSet.decode(run, runLength, out);
        }
        return out.toString();
    }

    /**
     * Encodes text (possibly several backslash-separated values) in this character set. ISO 2022 code extensions
     * are escaped in and, before every delimiter ({@code \ ^ =} and control characters) and at the end, back to
     * the initial state, as PS3.5 §6.1.2.5.3 requires.
     *
     * @throws CharacterCodingException when a character has no encoding in the named sets
     */
    public byte[] encode(String text) throws CharacterCodingException {
        if (whole != null || designatable.isEmpty()) {
            Charset charset = whole != null ? whole : initialG1 == null ? StandardCharsets.US_ASCII : initialG1.charset;
            ByteBuffer encoded = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2);
        GraphicSet g0 = initialG0;
        GraphicSet g1 = initialG1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\' || c == '^' || c == '=' || c < 0x20) {
                if (g0 != initialG0) {
                    escape(out, initialG0);
                    g0 = initialG0;
                }
                g1 = initialG1;
                out.write(c);
                continue;
            }
            byte[] bytes = g0.encode(c);
            GraphicSet used = g0;
            if (bytes == null && g1 != null) {
                bytes = g1.encode(c);
                used = g1;
            }
            if (bytes == null && g0 != initialG0) {
                // Back to the initial set (ASCII) within a value: the space padding after Japanese text.
                bytes = initialG0.encode(c);
                used = initialG0;
            }
            for (int k = 0; bytes == null && k < designatable.size(); k++) {
                used = designatable.get(k);
                bytes = used.encode(c);
            }
            if (bytes == null) {
                throw new CharacterCodingException();
            }
            if (used.g1 && used != g1) {
                escape(out, used);
                g1 = used;
            } else if (!used.g1 && used != g0) {
                escape(out, used);
                g0 = used;
            }
            out.writeBytes(bytes);
        }
        if (g0 != initialG0) {
            escape(out, initialG0);
        }
        return out.toByteArray();
    }

    private static void escape(ByteArrayOutputStream out, GraphicSet set) {
        out.write(ESC);
        out.writeBytes(set.escape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet other && terms.equals(other.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? "default repertoire" : String.join("\\", terms);
    }
}
