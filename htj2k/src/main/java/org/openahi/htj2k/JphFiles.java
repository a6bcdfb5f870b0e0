package org.openahi.htj2k;

import org.openahi.htj2k.codestream.Boxes;

/** JPH files (JPEG 2000 Part 15: boxes around an HTJ2K codestream), as GetImageFrame serves HTJ2K frames. */
public final class JphFiles {
    private JphFiles() {}

    /** The codestream a whole JPH file (or a raw codestream) holds. */
    public static byte[] codestream(byte[] file) throws Htj2kException {
        return Boxes.codestream(file);
    }

    /** The codestream's length, read from the head of a JPH file of {@code fileLength} bytes. */
    public static long codestreamLength(byte[] head, long fileLength) throws Htj2kException {
        return Boxes.codestreamRange(head, fileLength)[1];
    }
}
