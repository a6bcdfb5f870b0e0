package org.openahi.jpeg.entropy;

import org.openahi.jpeg.JpegException;

/**
 * A Huffman table of a DHT segment, built as T.81 Annex C and F.2.2.3 describe (canonical codes by length), with a
 * lookup of the first {@value #LOOKAHEAD} bits for the short codes that make up nearly all of the data.
 */
public final class HuffmanTable {

  static final int LOOKAHEAD = 9;

  /** For each {@value #LOOKAHEAD}-bit prefix: code length << 8 | symbol, or 0 when the code is longer. */
  private final int[] lookup = new int[1 << LOOKAHEAD];
  /**
   * For AC tables, per {@value #LOOKAHEAD}-bit prefix holding a whole run/size code and its extra bits: the
   * coefficient value << 16 | run << 8 | bits used; 0 otherwise (T.81 F.2.2.2 in one step for short codes).
   */
  private final int[] acLookup = new int[1 << LOOKAHEAD];
  /** Largest code of each length, -1 when there is none; index 17 is a sentinel above every code. */
  private final int[] maxCode = new int[18];
  /** Added to a code of each length to give the index of its symbol. */
  private final int[] symbolOffset = new int[17];
  private final int[] symbols;
  private final String name;

  private HuffmanTable(String name, int[] symbols) {
    this.name = name;
    this.symbols = symbols;
  }

  /**
   * The table with {@code counts[l]} codes of each length l (1 to 16) for {@code symbols} in order. A table whose
   * codes do not fit their lengths, or that gives a code of all 1 bits (reserved by T.81 C), is refused, as IJG does.
   */
  public static HuffmanTable of(int[] counts, byte[] symbols, String name, int offset) throws JpegException {
    int[] values = new int[symbols.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = symbols[i] & 0xFF;
    }
    HuffmanTable table = new HuffmanTable(name, values);
    int code = 0;
    int k = 0;
    for (int length = 1; length <= 16; length++) {
      table.symbolOffset[length] = k - code;
      for (int i = 0; i < counts[length]; i++, k++, code++) {
        if (code >= 1 << length) {
          throw new JpegException("DHT " + name + " has more codes of up to " + length + " bits than fit", offset);
        }
        if (length <= LOOKAHEAD) {
          int shift = LOOKAHEAD - length;
          int entry = length << 8 | values[k];
          for (int fill = 0; fill < 1 << shift; fill++) {
            table.lookup[code << shift | fill] = entry;
          }
        }
      }
      table.maxCode[length] = counts[length] > 0 ? code - 1 : -1;
      if (counts[length] > 0 && code == 1 << length) {
        throw new JpegException("DHT " + name + " gives a code of all 1 bits (length " + length + "), which T.81 "
            + "reserves", offset);
      }
      code <<= 1;
    }
    table.maxCode[17] = Integer.MAX_VALUE;
    for (int prefix = 0; prefix < 1 << LOOKAHEAD; prefix++) {
      int entry = table.lookup[prefix];
      int length = entry >> 8;
      int size = entry & 15;
      int run = (entry >> 4) & 15;
      if (entry != 0 && size != 0 && length + size <= LOOKAHEAD) {
        int extra = (prefix >> (LOOKAHEAD - length - size)) & ((1 << size) - 1);
        int value = extra < 1 << (size - 1) ? extra - (1 << size) + 1 : extra;
        table.acLookup[prefix] = value << 16 | run << 8 | (length + size);
      }
    }
    return table;
  }

  /**
   * For an AC table: the next run/size code and its coefficient value in one step when both fit in the lookahead,
   * as {@code value << 16 | run << 8 | bits}, which the caller consumes; 0 when the slow path ({@link #decode},
   * then the extra bits) must be taken.
   */
  public int acShortcut(BitReader in) {
    return acLookup[in.peek16() >>> (16 - LOOKAHEAD)];
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
      throw new JpegException("corrupt entropy-coded data: no code of Huffman " + name + " matches the bits "
          + Integer.toBinaryString(0x10000 | peek).substring(1), in.offset());
    }
    in.skip(length);
    return symbols[symbolOffset[length] + code];
  }
}
