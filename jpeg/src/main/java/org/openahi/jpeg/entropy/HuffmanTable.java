package org.openahi.jpeg.entropy;

import java.util.Arrays;
import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.markers.Tables;

/**
 * A Huffman table of a DHT segment, built as T.81 Annex C and F.2.2.3 describe (canonical codes by length), with a
 * lookup of the first {@value #LOOKAHEAD} bits for the short codes that make up nearly all of the data.
 */
public final class HuffmanTable {

    static final int LOOKAHEAD = 9;
    /** The largest DC difference category of DCT coding: 11 bits at 8-bit precision, 15 at 12-bit (T.81 F.1.2.1). */
    public static final int DCT_MAX_CATEGORY = 15;

    private static final int END_OF_BLOCK = 0x1000;

    /** For each {@value #LOOKAHEAD}-bit prefix: code length << 8 | symbol, or 0 when the code is longer. */
    private final int[] lookup = new int[1 << LOOKAHEAD];
    /**
     * For AC tables, per {@value #LOOKAHEAD}-bit prefix holding a whole run/size code and its extra bits: the
     * coefficient value << 16 | run << 8 | bits used, or {@link #END_OF_BLOCK} | bits used for EOB; 0 otherwise
     * (T.81 F.2.2.2 in one step for short codes).
     */
    private final int[] acLookup;
    /**
     * Per {@value #LOOKAHEAD}-bit prefix holding a whole difference category code (0 to 15) and its extra bits: the
     * difference << 8 | bits used; 0 otherwise (T.81 F.2.2.1 and H.1.2.2 in one step for short codes).
     */
    private final int[] differenceLookup;
    /** Largest code of each length, -1 when there is none; index 17 is a sentinel above every code. */
    private final int[] maxCode = new int[18];
    /** Added to a code of each length to give the index of its symbol. */
    private final int[] symbolOffset = new int[17];

    private final int[] symbols;
    private final String name;

    private HuffmanTable(String name, int[] symbols, boolean ac) {
        this.name = name;
        this.symbols = symbols;
        this.acLookup = ac ? new int[1 << LOOKAHEAD] : null;
        this.differenceLookup = ac ? null : new int[1 << LOOKAHEAD];
    }

    /**
     * The table with {@code counts[l]} codes of each length l (1 to 16) for {@code symbols} in order. A table whose
     * codes do not fit their lengths, or that gives a code of all 1 bits (reserved by T.81 C), is refused, as IJG does.
     * Only the look-up of its class is built (AC: {@link #decodeAc}; DC and lossless: {@link #decodeDifference}):
     * every frame builds its tables, and a small frame spends a noticeable part of its time there.
     *
     * @param ac whether the table is of class 1 (AC), else class 0
     */
    public static HuffmanTable of(int[] counts, byte[] symbols, boolean ac, String name, int offset)
            throws JpegException {
        int[] values = new int[symbols.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = symbols[i] & 0xFF;
        }
        HuffmanTable table = new HuffmanTable(name, values, ac);
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++) {
            table.symbolOffset[length] = k - code;
            for (int i = 0; i < counts[length]; i++, k++, code++) {
                if (code >= 1 << length) {
                    throw new JpegException(
                            "DHT " + name + " has more codes of up to " + length + " bits than fit", offset);
                }
                if (length <= LOOKAHEAD) {
                    table.fillLookups(code << (LOOKAHEAD - length), length, values[k], ac);
                }
            }
            table.maxCode[length] = counts[length] > 0 ? code - 1 : -1;
            if (counts[length] > 0 && code == 1 << length) {
                throw new JpegException(
                        "DHT " + name + " gives a code of all 1 bits (length " + length + "), which T.81 " + "reserves",
                        offset);
            }
            code <<= 1;
        }
        table.maxCode[17] = Integer.MAX_VALUE;
        return table;
    }

    /**
     * Fills the look-ups for the code of {@code length} bits (at most {@value #LOOKAHEAD}) whose prefixes start at
     * {@code from}: its symbol in {@link #lookup}, and in the look-up of its class, for each value of the extra bits
     * that fit with it, the decoded value (a range of prefixes each, filled at once).
     */
    private void fillLookups(int from, int length, int symbol, boolean ac) {
        int span = 1 << (LOOKAHEAD - length);
        Arrays.fill(lookup, from, from + span, length << 8 | symbol);
        int size = ac ? symbol & 15 : symbol;
        if (ac && symbol == 0) {
            Arrays.fill(acLookup, from, from + span, END_OF_BLOCK | length);
        } else if ((!ac || size != 0) && size < 16 && length + size <= LOOKAHEAD) {
            int[] target = ac ? acLookup : differenceLookup;
            int used = length + size;
            int each = span >> size;
            for (int extra = 0; extra < 1 << size; extra++) {
                int value = extend(extra, size);
                int entry = ac ? value << 16 | (symbol >> 4) << 8 | used : value << 8 | used;
                Arrays.fill(target, from + extra * each, from + (extra + 1) * each, entry);
            }
        }
    }

    /**
     * Decodes one block of a sequential scan (T.81 F.2.2.1, F.2.2.2): its DC difference with the DC table {@code dc}
     * into {@code block[0]} (the caller adds its prediction), then its AC coefficients with this AC table, each to
     * {@code block} at its natural position, which is also recorded in {@code written}; returns how many AC
     * coefficients were written. The reader's bit buffer is held in locals for the block (the hot loop of sequential
     * decoding); codes whose extra bits fit in the lookahead with them, and EOB, take one table look-up, the others
     * the general path.
     */
    public int decodeBlock(BitReader in, HuffmanTable dc, short[] block, int[] written) throws JpegException {
        int[] zigzag = Tables.ZIGZAG;
        int[] shortcuts = acLookup;
        if (in.bits < 32) {
            in.fill();
        }
        long buffer = in.buffer;
        int bits = in.bits;
        int difference = dc.differenceLookup[(int) (buffer >>> (64 - LOOKAHEAD))];
        if (difference != 0) {
            int used = difference & 0xFF;
            buffer <<= used;
            bits -= used;
            block[0] = (short) (difference >> 8);
        } else {
            block[0] = (short) dc.decodeDifference(in, DCT_MAX_CATEGORY);
            buffer = in.buffer;
            bits = in.bits;
        }
        int count = 0;
        for (int k = 1; k < 64; k++) {
            // a code (16 bits at most) and its extra bits (15 at most) fit in 32
            if (bits < 32) {
                in.buffer = buffer;
                in.bits = bits;
                in.fill();
                buffer = in.buffer;
                bits = in.bits;
            }
            int shortcut = shortcuts[(int) (buffer >>> (64 - LOOKAHEAD))];
            int value;
            if (shortcut != 0) {
                int used = shortcut & 0xFF;
                buffer <<= used;
                bits -= used;
                if ((shortcut & END_OF_BLOCK) != 0) {
                    break;
                }
                k += (shortcut >> 8) & 15;
                value = shortcut >> 16;
            } else {
                in.buffer = buffer;
                in.bits = bits;
                int rs = decode(in);
                int size = rs & 15;
                value = in.extend(size);
                buffer = in.buffer;
                bits = in.bits;
                if (size == 0) {
                    if (rs != 0xF0) {
                        break; // EOB
                    }
                    k += 15; // ZRL: a run of 16 zeros
                    continue;
                }
                k += rs >> 4;
            }
            if (k > 63) {
                in.buffer = buffer;
                in.bits = bits;
                throw new JpegException("corrupt entropy-coded data: an AC run goes past coefficient 63", in.offset());
            }
            int position = zigzag[k];
            block[position] = (short) value;
            written[count++] = position;
        }
        in.buffer = buffer;
        in.bits = bits;
        return count;
    }

    /**
     * Decodes one difference coded as a category and its extra bits (DCT DC, T.81 F.2.2.1; lossless, H.1.2.2):
     * category 16, which only lossless coding has, is 32768 with no extra bits. A category above {@code maxCategory}
     * can only come from corrupt data.
     */
    public int decodeDifference(BitReader in, int maxCategory) throws JpegException {
        if (in.bits < 32) {
            in.fill();
        }
        int shortcut = differenceLookup[(int) (in.buffer >>> (64 - LOOKAHEAD))];
        if (shortcut != 0) {
            in.skip(shortcut & 0xFF);
            return shortcut >> 8;
        }
        int category = decode(in);
        if (category > maxCategory) {
            throw new JpegException(
                    "corrupt entropy-coded data: a difference category of " + category + " bits (at most " + maxCategory
                            + ")",
                    in.offset());
        }
        return category == 16 ? 32768 : in.extend(category);
    }

    /**
     * Decodes {@code count} lossless differences (categories 0 to 16) into {@code out}: {@link #decodeDifference}
     * with the reader's bit buffer held in locals, the hot loop of lossless decoding.
     */
    public void decodeDifferences(BitReader in, int[] out, int count) throws JpegException {
        int[] shortcuts = differenceLookup;
        long buffer = in.buffer;
        int bits = in.bits;
        for (int i = 0; i < count; i++) {
            // a code (16 bits at most) and its extra bits (15 at most) fit in 32
            if (bits < 32) {
                in.buffer = buffer;
                in.bits = bits;
                in.fill();
                buffer = in.buffer;
                bits = in.bits;
            }
            int shortcut = shortcuts[(int) (buffer >>> (64 - LOOKAHEAD))];
            if (shortcut != 0) {
                int used = shortcut & 0xFF;
                buffer <<= used;
                bits -= used;
                out[i] = shortcut >> 8;
            } else {
                in.buffer = buffer;
                in.bits = bits;
                out[i] = decodeDifference(in, 16);
                buffer = in.buffer;
                bits = in.bits;
            }
        }
        in.buffer = buffer;
        in.bits = bits;
    }

    /** T.81 F.2.2.1 EXTEND: the {@code category}-bit value {@code v} as a signed difference. */
    private static int extend(int v, int category) {
        return category == 0 || v >= 1 << (category - 1) ? v : v - (1 << category) + 1;
    }

    /** Decodes one symbol; a bit pattern that is no code of this table is corrupt data. */
    public int decode(BitReader in) throws JpegException {
        int peek = in.peek16();
        int entry = lookup[peek >>> (16 - LOOKAHEAD)];
        if (entry != 0) {
            in.skip(entry >> 8);
            return entry & 0xFF;
        }
        int length = LOOKAHEAD + 1;
        int code = peek >>> (16 - length);
        while (code > maxCode[length]) {
            length++;
            code = peek >>> (16 - length);
        }
        if (length > 16) {
            throw new JpegException(
                    "corrupt entropy-coded data: no code of Huffman " + name + " matches the bits "
                            + Integer.toBinaryString(0x10000 | peek).substring(1),
                    in.offset());
        }
        in.skip(length);
        return symbols[symbolOffset[length] + code];
    }
}
