package org.openahi.core.pixels;

import java.util.Optional;

/**
 * One row of the {@link TransferSyntaxTable}: what openahi does with pixel data in a transfer syntax.
 *
 * @param uid              the transfer syntax UID
 * @param name             its name in PS3.6 Table A-1
 * @param codec            the decoder of its frames ({@link Codec#NONE} when openahi has none)
 * @param onImport         what import does with its frames
 * @param frameContentType GetImageFrame's Content-Type for frames stored in it (AHI's table, ahi-behaviour §9.1);
 *                         empty for syntaxes frames are never stored in
 * @param mediaType        its DICOMweb media type for frames (PS3.18 Table 8.7.3-5); empty where PS3.18 gives none
 * @param lossy            whether pixel data in it has always been through lossy compression (PS3.5 §8.2: the
 *                         lossy JPEG processes, near-lossless JPEG-LS, video), so import marks the instance Lossy
 *                         Image Compression 01; JPEG 2000 and HTJ2K (.91, .93, .203) may be either and are not
 */
public record SyntaxRule(
        String uid,
        String name,
        Codec codec,
        OnImport onImport,
        Optional<String> frameContentType,
        Optional<String> mediaType,
        boolean lossy) {

    /** A video stream: kept as it arrived, the whole stream one frame whatever NumberOfFrames says. */
    public boolean videoStream() {
        return onImport == OnImport.KEEP_STREAM;
    }

    /** Whether frames in this syntax are native pixel data (not encapsulated). */
    public boolean nativePixels() {
        return codec == Codec.NATIVE;
    }

    /**
     * Whether import takes pixel data in this syntax (kept, or decoded and stored); every other syntax is refused as
     * unsupported. The DICOM listener accepts exactly these for storage.
     */
    public boolean imported() {
        return onImport != OnImport.TRANSCODE || decodable();
    }

    /** Whether openahi decodes frames in this syntax. */
    public boolean decodable() {
        return codec.decoder().isPresent();
    }

    /** The decoder, or the reason there is none. */
    public FrameCodec decoder() throws UnsupportedPixelsException {
        return codec.decoder().orElseThrow(() -> new UnsupportedPixelsException("unsupported transfer syntax " + uid));
    }
}
