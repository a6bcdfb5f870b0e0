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
    return table;
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
