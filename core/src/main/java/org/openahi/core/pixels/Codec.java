package org.openahi.core.pixels;

import java.util.Optional;

/** The decoders the {@link TransferSyntaxTable} assigns to transfer syntaxes, each with its adapter. */
public enum Codec {
    /** Native pixel data, given by the DICOM reader little-endian: nothing to decode. */
    NATIVE(new NativeCodec()),
    /** Deflated Image Frame Compression: each frame deflated (RFC 1951) native pixel data (PS3.5 §8.2.16). */
    DEFLATE(new DeflateCodec()),
    /** RLE Lossless (PS3.5 Annex G). */
    RLE(new RleCodec()),
    /** JPEG: lossless, baseline, extended and progressive (module jpeg). */
    JPEG(new JpegCodec()),
    /** JPEG-LS (module jpegls). */
    JPEG_LS(new JpegLsCodec()),
    /** HTJ2K, and JPEG 2000 Part 1 where module htj2k decodes it (module htj2k). */
    JPEG_2000(new Jpeg2000Codec()),
    /** No decoder in openahi. */
    NONE(null);

    private final FrameCodec decoder;

    Codec(FrameCodec decoder) {
        this.decoder = decoder;
    }

    public Optional<FrameCodec> decoder() {
        return Optional.ofNullable(decoder);
    }
}
