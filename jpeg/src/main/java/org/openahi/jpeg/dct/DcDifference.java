package org.openahi.jpeg.dct;

import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.entropy.BitReader;
import org.openahi.jpeg.entropy.HuffmanTable;

/** The magnitude category of a DCT DC difference (T.81 F.1.2.1): 0 to 11 bits at 8-bit precision, 15 at 12-bit. */
public final class DcDifference {

    private DcDifference() {}

    /** Decodes the category; one above 15 can only come from corrupt data (16 is a lossless-only category). */
    public static int category(HuffmanTable table, BitReader in) throws JpegException {
        int category = table.decode(in);
        if (category > 15) {
            throw new JpegException(
                    "corrupt entropy-coded data: a DC difference category of " + category + " bits (at " + "most 15)",
                    in.offset());
        }
        return category;
    }
}
