package org.openahi.dicom;

import java.util.HexFormat;

/** Arithmetic and text forms of 32-bit tags {@code (gggg,eeee)}. */
public final class Tags {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Tags() {}

    public static int of(int group, int element) {
        return group << 16 | element & 0xFFFF;
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Odd groups hold private data elements (PS3.5 §7.8). */
    public static boolean isPrivate(int tag) {
        return (group(tag) & 1) == 1;
    }

    /** {@code (gggg,0010)} to {@code (gggg,00FF)} in an odd group name the private block's creator. */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x10 && element <= 0xFF;
    }

    /** The creator element reserving the block of a private data element {@code (gggg,xxee)}: {@code (gggg,00xx)}. */
    public static int privateCreatorOf(int tag) {
        return of(group(tag), element(tag) >>> 8);
    }

    /** {@code (gggg,0000)}: the (mostly retired) group length element. */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** {@code (0010,0010)} form used in messages. */
    public static String format(int tag) {
        String hex = hex(tag);
        return "(" + hex.substring(0, 4) + "," + hex.substring(4) + ")";
    }

    /** Eight upper-case hex digits, the DICOM JSON attribute key. */
    public static String hex(int tag) {
        return HEX.toHexDigits(tag);
    }

    /** Parses eight hex digits; {@code -1} when the text is not a tag. */
    public static long parseHex(String text) {
        if (text.length() != 8) {
            return -1;
        }
        long tag = 0;
        for (int i = 0; i < 8; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            tag = tag << 4 | d;
        }
        return tag;
    }
}
