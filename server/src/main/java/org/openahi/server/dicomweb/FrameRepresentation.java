package org.openahi.server.dicomweb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;

/**
 * How frames go on the wire (PS3.18 §8.7.3, Table 8.7.3-5): as stored, with the media type of their transfer
 * syntax, or as uncompressed pixels ({@code application/octet-stream}, Explicit VR Little Endian), decoded on the
 * fly when they are stored compressed and openahi can decode them.
 */
record FrameRepresentation(String mediaType, String transferSyntax, boolean decode) {
    static final String OCTET_STREAM = TransferSyntaxTable.OCTET_STREAM;
    static final String EXPLICIT_LE = TransferSyntaxTable.EXPLICIT_VR_LITTLE_ENDIAN;

    /**
     * The representations frames stored in the transfer syntax can be sent in, the stored one first (with the media
     * type the {@link TransferSyntaxTable} gives it), then decoded when the table has a decoder for it.
     */
    static List<FrameRepresentation> available(String storedTransferSyntaxUid) {
        List<FrameRepresentation> available = new ArrayList<>();
        Optional<SyntaxRule> syntax = TransferSyntaxTable.find(storedTransferSyntaxUid);
        if (syntax.isPresent() && syntax.get().nativePixels()) {
            available.add(new FrameRepresentation(OCTET_STREAM, EXPLICIT_LE, false));
            return available;
        }
        syntax.flatMap(SyntaxRule::mediaType)
                .ifPresent(type -> available.add(new FrameRepresentation(type, storedTransferSyntaxUid, false)));
        if (FrameReader.nativeAvailable(storedTransferSyntaxUid)) {
            available.add(new FrameRepresentation(OCTET_STREAM, EXPLICIT_LE, true));
        }
        return available;
    }

    /**
     * The representation the Accept header prefers: {@code multipart/related; type=...; transfer-syntax=...} ranges
     * (a bare media type counts as its multipart form); a missing type means application/octet-stream, a missing
     * transfer-syntax the media type's default (Explicit VR Little Endian for octet-stream, any otherwise);
     * {@code *}{@code /*} takes the stored representation. 406 when nothing offered is acceptable.
     */
    static FrameRepresentation negotiate(List<MediaRange> accept, String storedTransferSyntaxUid) {
        List<FrameRepresentation> available = available(storedTransferSyntaxUid);
        for (MediaRange range : accept) {
            for (FrameRepresentation candidate : available) {
                if (candidate.acceptedBy(range)) {
                    return candidate;
                }
            }
        }
        throw DicomWebError.notAcceptable("These frames are stored as " + storedTransferSyntaxUid + "; available: "
                + (available.isEmpty()
                        ? "none (they cannot be retrieved as frames)"
                        : String.join(
                                ", ",
                                available.stream()
                                        .map(FrameRepresentation::describe)
                                        .toList())));
    }

    private boolean acceptedBy(MediaRange range) {
        if (range.mediaType().equals("*/*")) {
            return true;
        }
        String type = range.mediaType().equals("multipart/related")
                ? range.parameter("type").orElse(OCTET_STREAM)
                : range.mediaType();
        if (!new MediaRange(type, Map.of(), 1).accepts(mediaType)) {
            return false;
        }
        return range.acceptsTransferSyntax(transferSyntax, mediaType.equals(OCTET_STREAM) ? EXPLICIT_LE : "*");
    }

    String partContentType() {
        return mediaType + "; transfer-syntax=" + transferSyntax;
    }

    private String describe() {
        return "multipart/related; type=\"" + mediaType + "\"; transfer-syntax=" + transferSyntax;
    }
}
