package org.openahi.core.pixels;

import static org.openahi.core.pixels.Codec.DEFLATE;
import static org.openahi.core.pixels.Codec.JPEG;
import static org.openahi.core.pixels.Codec.JPEG_2000;
import static org.openahi.core.pixels.Codec.JPEG_LS;
import static org.openahi.core.pixels.Codec.NATIVE;
import static org.openahi.core.pixels.Codec.NONE;
import static org.openahi.core.pixels.Codec.RLE;
import static org.openahi.core.pixels.OnImport.KEEP;
import static org.openahi.core.pixels.OnImport.KEEP_STREAM;
import static org.openahi.core.pixels.OnImport.TRANSCODE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.dicom.dict.TransferSyntax;

/**
 * The one table of what openahi does with each transfer syntax PS3.6 defines (the dicom module's generated
 * {@link TransferSyntax}): its decoder, whether import keeps or transcodes its frames, GetImageFrame's Content-Type for
 * frames stored in it and its DICOMweb media type. Import, GetImageFrame, WADO-RS and Part 10 retrieval all read it.
 * Where AHI documents nothing the choice is in docs/decisions.md ("Transfer syntaxes").
 */
public final class TransferSyntaxTable {
    public static final String OCTET_STREAM = "application/octet-stream";
    /** GetImageFrame's type for HTJ2K frames, which openahi stores as JPH files (the codestream in JP2 boxes). */
    public static final String JPH_FILE = "image/jph";

    public static final String HTJ2K_LOSSLESS_RPCL = TransferSyntax.HTJ2KLosslessRPCL.uid();
    public static final String JPEG_2000_LOSSLESS = TransferSyntax.JPEG2000Lossless.uid();
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = TransferSyntax.ExplicitVRLittleEndian.uid();

    private static final Map<TransferSyntax, SyntaxRule> RULES = new EnumMap<>(TransferSyntax.class);
    private static final Map<String, SyntaxRule> BY_UID = new LinkedHashMap<>();
    /**
     * The JPEG processes that are lossless (PS3.5 §8.2.1); every other JPEG process, near-lossless JPEG-LS and every
     * syntax kept as a stream (MPEG-2, H.264, HEVC) has been through lossy compression by definition.
     */
    private static final Set<TransferSyntax> LOSSLESS_JPEG = EnumSet.of(
            TransferSyntax.JPEGLossless,
            TransferSyntax.JPEGLosslessNonHierarchical15,
            TransferSyntax.JPEGLosslessHierarchical28,
            TransferSyntax.JPEGLosslessHierarchical29,
            TransferSyntax.JPEGLosslessSV1);

    static {
        String jpegType = "image/jpeg";
        String jp2 = "image/jp2";
        String jphc = "image/jphc";
        String jxl = "image/jxl";
        // Native pixel data, after the reader has inflated or byte-swapped the data set.
        rule(TransferSyntax.ImplicitVRLittleEndian, NATIVE, TRANSCODE, null, OCTET_STREAM);
        rule(TransferSyntax.ExplicitVRLittleEndian, NATIVE, TRANSCODE, OCTET_STREAM, OCTET_STREAM);
        rule(TransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian, NATIVE, TRANSCODE, null, OCTET_STREAM);
        rule(TransferSyntax.DeflatedExplicitVRLittleEndian, NATIVE, TRANSCODE, null, OCTET_STREAM);
        rule(TransferSyntax.ExplicitVRBigEndian, NATIVE, TRANSCODE, null, OCTET_STREAM);
        rule(TransferSyntax.Papyrus3ImplicitVRLittleEndian, NATIVE, TRANSCODE, null, OCTET_STREAM);
        // JPEG (ISO 10918): baseline kept as AHI keeps it; the others decoded, lossy ones (.51) included.
        rule(TransferSyntax.JPEGBaseline8Bit, JPEG, KEEP, jpegType, jpegType);
        for (TransferSyntax process : List.of(
                TransferSyntax.JPEGExtended12Bit,
                TransferSyntax.JPEGExtended35,
                TransferSyntax.JPEGSpectralSelectionNonHierarchical68,
                TransferSyntax.JPEGSpectralSelectionNonHierarchical79,
                TransferSyntax.JPEGFullProgressionNonHierarchical1012,
                TransferSyntax.JPEGFullProgressionNonHierarchical1113,
                TransferSyntax.JPEGLossless,
                TransferSyntax.JPEGLosslessNonHierarchical15,
                TransferSyntax.JPEGExtendedHierarchical1618,
                TransferSyntax.JPEGExtendedHierarchical1719,
                TransferSyntax.JPEGSpectralSelectionHierarchical2022,
                TransferSyntax.JPEGSpectralSelectionHierarchical2123,
                TransferSyntax.JPEGFullProgressionHierarchical2426,
                TransferSyntax.JPEGFullProgressionHierarchical2527,
                TransferSyntax.JPEGLosslessHierarchical28,
                TransferSyntax.JPEGLosslessHierarchical29,
                TransferSyntax.JPEGLosslessSV1)) {
            rule(process, JPEG, TRANSCODE, null, jpegType);
        }
        // JPEG-LS: near-lossless (.81) decoded and its samples stored losslessly, as AHI does.
        rule(TransferSyntax.JPEGLSLossless, JPEG_LS, TRANSCODE, null, "image/jls");
        rule(TransferSyntax.JPEGLSNearLossless, JPEG_LS, TRANSCODE, null, "image/jls");
        // JPEG 2000: .90 is also what JPEG_2000_LOSSLESS data stores store; .91 kept.
        rule(TransferSyntax.JPEG2000Lossless, JPEG_2000, TRANSCODE, "image/j2c", jp2);
        rule(TransferSyntax.JPEG2000, JPEG_2000, KEEP, "image/j2c", jp2);
        rule(TransferSyntax.JPEG2000MCLossless, JPEG_2000, TRANSCODE, null, "image/jpx");
        rule(TransferSyntax.JPEG2000MC, JPEG_2000, TRANSCODE, null, "image/jpx");
        // HTJ2K: .202 is what HTJ2K data stores store, as JPH files (image/jph); lossy .203 kept.
        rule(TransferSyntax.HTJ2KLossless, JPEG_2000, TRANSCODE, null, jphc);
        rule(TransferSyntax.HTJ2KLosslessRPCL, JPEG_2000, TRANSCODE, JPH_FILE, jphc);
        rule(TransferSyntax.HTJ2K, JPEG_2000, KEEP, jphc, jphc);
        // Pixel data referenced elsewhere (JPIP) or not images: nothing to store.
        rule(TransferSyntax.JPIPReferenced, NONE, TRANSCODE, null, null);
        rule(TransferSyntax.JPIPReferencedDeflate, NONE, TRANSCODE, null, null);
        rule(TransferSyntax.JPIPHTJ2KReferenced, NONE, TRANSCODE, null, null);
        rule(TransferSyntax.JPIPHTJ2KReferencedDeflate, NONE, TRANSCODE, null, null);
        rule(TransferSyntax.SMPTEST211020UncompressedProgressiveActiveVideo, NONE, TRANSCODE, null, null);
        rule(TransferSyntax.SMPTEST211020UncompressedInterlacedActiveVideo, NONE, TRANSCODE, null, null);
        rule(TransferSyntax.SMPTEST211030PCMDigitalAudio, NONE, TRANSCODE, null, null);
        // Video: the whole stream is one frame, kept (GetImageFrame's types are AHI's, "H256" as its model spells it).
        for (TransferSyntax mpeg2 : List.of(
                TransferSyntax.MPEG2MPML,
                TransferSyntax.MPEG2MPMLF,
                TransferSyntax.MPEG2MPHL,
                TransferSyntax.MPEG2MPHLF)) {
            rule(mpeg2, NONE, KEEP_STREAM, "video/mpeg", "video/mpeg");
        }
        for (TransferSyntax h264 : List.of(
                TransferSyntax.MPEG4HP41,
                TransferSyntax.MPEG4HP41F,
                TransferSyntax.MPEG4HP41BD,
                TransferSyntax.MPEG4HP41BDF,
                TransferSyntax.MPEG4HP422D,
                TransferSyntax.MPEG4HP422DF,
                TransferSyntax.MPEG4HP423D,
                TransferSyntax.MPEG4HP423DF,
                TransferSyntax.MPEG4HP42STEREO,
                TransferSyntax.MPEG4HP42STEREOF)) {
            rule(h264, NONE, KEEP_STREAM, "video/mp4", "video/mp4");
        }
        rule(TransferSyntax.HEVCMP51, NONE, KEEP_STREAM, "video/H256", "video/H265");
        rule(TransferSyntax.HEVCM10P51, NONE, KEEP_STREAM, "video/H256", "video/H265");
        // JPEG XL: the lossy syntax kept as AHI's 2026 model lists it; the lossless ones need a decoder openahi lacks.
        rule(TransferSyntax.JPEGXLLossless, NONE, TRANSCODE, null, jxl);
        rule(TransferSyntax.JPEGXLJPEGRecompression, NONE, TRANSCODE, null, jxl);
        rule(TransferSyntax.JPEGXL, NONE, KEEP, jxl, jxl);
        rule(TransferSyntax.RLELossless, RLE, TRANSCODE, null, "image/dicom-rle");
        rule(TransferSyntax.DeflatedImageFrameCompression, DEFLATE, TRANSCODE, null, null);
    }

    private TransferSyntaxTable() {}

    private static void rule(
            TransferSyntax syntax, Codec codec, OnImport onImport, String frameContentType, String mediaType) {
        SyntaxRule rule = new SyntaxRule(
                syntax.uid(),
                syntax.displayName(),
                codec,
                onImport,
                Optional.ofNullable(frameContentType),
                Optional.ofNullable(mediaType),
                (codec == JPEG && !LOSSLESS_JPEG.contains(syntax))
                        || syntax == TransferSyntax.JPEGLSNearLossless
                        || onImport == KEEP_STREAM);
        if (RULES.put(syntax, rule) != null) {
            throw new IllegalStateException(syntax + " has two rules");
        }
        BY_UID.put(syntax.uid(), rule);
    }

    /** The rule of a transfer syntax PS3.6 defines; empty for any other UID. */
    public static Optional<SyntaxRule> find(String uid) {
        return Optional.ofNullable(uid == null ? null : BY_UID.get(uid.strip()));
    }

    /** The rule of {@code uid}, or an {@link UnsupportedPixelsException} when PS3.6 defines no such syntax. */
    public static SyntaxRule require(String uid) throws UnsupportedPixelsException {
        return find(uid).orElseThrow(() -> new UnsupportedPixelsException("unsupported transfer syntax " + uid));
    }

    /** Every rule, in the order of PS3.6. */
    public static List<SyntaxRule> all() {
        List<SyntaxRule> all = new ArrayList<>();
        for (TransferSyntax syntax : TransferSyntax.values()) {
            all.add(RULES.get(syntax));
        }
        return Collections.unmodifiableList(all);
    }

    /** The syntax decoded frames the lossless encoders cannot take are stored in: Explicit VR Little Endian. */
    public static SyntaxRule storedNative() {
        return BY_UID.get(EXPLICIT_VR_LITTLE_ENDIAN);
    }

    /** The syntax a data store stores transcoded frames in. */
    public static SyntaxRule storedLossless(LosslessStorageFormat format) {
        return BY_UID.get(
                switch (format) {
                    case HTJ2K -> HTJ2K_LOSSLESS_RPCL;
                    case JPEG_2000_LOSSLESS -> JPEG_2000_LOSSLESS;
                });
    }
}
