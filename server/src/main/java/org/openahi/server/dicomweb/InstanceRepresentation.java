package org.openahi.server.dicomweb;

import java.util.Collection;
import java.util.List;
import org.openahi.core.dicomweb.FrameReader;

/**
 * How instances go on the wire (PS3.18 §8.7.3, Table 8.7.3-2): as one application/dicom body (AHI's
 * GetDICOMInstance) or as multipart/related parts, each in {@code transferSyntax} or, when it is {@value #STORED},
 * in the transfer syntax its frames are stored in.
 */
record InstanceRepresentation(boolean multipart, String transferSyntax) {
    static final String DICOM = "application/dicom";
    static final String STORED = "*";

    /** The syntax one instance is written in. */
    String syntaxFor(String storedTransferSyntaxUid) {
        return transferSyntax.equals(STORED) ? storedTransferSyntaxUid : transferSyntax;
    }

    /**
     * The first acceptable representation for instances stored in {@code storedSyntaxes}: a transfer-syntax
     * parameter of "*" (or an Accept of {@code *}{@code /*}) keeps each instance's stored syntax; an absent one means
     * Explicit VR Little Endian, PS3.18's default, which needs frames openahi can decode; a named one must be
     * Explicit VR Little Endian or the stored syntax of every instance. 406 otherwise.
     */
    static InstanceRepresentation negotiate(
            List<MediaRange> accept, Collection<String> storedSyntaxes, boolean singlePartAllowed) {
        for (MediaRange range : accept) {
            if (range.mediaType().equals("*/*")) {
                return new InstanceRepresentation(!singlePartAllowed, STORED);
            }
            boolean single = range.mediaType().equals(DICOM);
            boolean multipart = range.mediaType().equals("multipart/related")
                    && range.parameter("type").orElse(DICOM).equals(DICOM);
            if (!single && !multipart) {
                continue;
            }
            String wanted = range.parameter("transfer-syntax").orElse(FrameRepresentation.EXPLICIT_LE);
            boolean possible = wanted.equals(STORED)
                    || storedSyntaxes.stream()
                            .allMatch(stored -> stored.equals(wanted)
                                    || wanted.equals(FrameRepresentation.EXPLICIT_LE)
                                            && FrameReader.nativeAvailable(stored));
            if (possible) {
                return new InstanceRepresentation(multipart || !singlePartAllowed, wanted);
            }
        }
        throw DicomWebError.notAcceptable("The instances are stored as "
                + String.join(", ", storedSyntaxes.stream().distinct().toList()) + "; ask for "
                + (singlePartAllowed ? "application/dicom or " : "")
                + "multipart/related; type=\"application/dicom\" with transfer-syntax=* (as stored)"
                + " or 1.2.840.10008.1.2.1 where the frames can be decoded");
    }
}
