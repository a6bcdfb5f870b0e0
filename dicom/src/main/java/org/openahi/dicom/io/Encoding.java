package org.openahi.dicom.io;

import org.openahi.dicom.dict.TransferSyntax;

/** How elements are encoded: explicit or implicit VR, byte order. */
record Encoding(boolean explicitVr, boolean bigEndian) {

    static final Encoding IMPLICIT_LITTLE = new Encoding(false, false);
    static final Encoding EXPLICIT_LITTLE = new Encoding(true, false);
    static final Encoding EXPLICIT_BIG = new Encoding(true, true);

    static Encoding of(TransferSyntax ts) {
        return !ts.explicitVr() ? IMPLICIT_LITTLE : ts.bigEndian() ? EXPLICIT_BIG : EXPLICIT_LITTLE;
    }

    /** The UID of the plain transfer syntax with this encoding (what DCMTK reports when it detects one). */
    String transferSyntaxUid() {
        return !explicitVr
                ? TransferSyntax.ImplicitVRLittleEndian.uid()
                : bigEndian ? TransferSyntax.ExplicitVRBigEndian.uid() : TransferSyntax.ExplicitVRLittleEndian.uid();
    }
}
