package org.openahi.dicom;

import java.io.IOException;

/**
 * Bad input: a DICOM stream or DICOM JSON document that cannot be read. Names where: the byte (or character)
 * offset and the tag path, e.g. {@code (0040,0275)[1].(0008,0100)}.
 */
public class DicomParseException extends IOException {

    private final long offset;
    private final String tagPath;

    public DicomParseException(String reason, long offset, String tagPath) {
        this(reason, offset, tagPath, null);
    }

    public DicomParseException(String reason, long offset, String tagPath, Throwable cause) {
        super(reason + " at offset " + offset + (tagPath.isEmpty() ? "" : " in " + tagPath), cause);
        this.offset = offset;
        this.tagPath = tagPath;
    }

    /** Offset of the problem: bytes from the start of the file (of the inflated data set for deflated files). */
    public long offset() {
        return offset;
    }

    /** The elements and items leading to the problem, outermost first; empty at the top level. */
    public String tagPath() {
        return tagPath;
    }
}
