package org.openahi.core.pixels;

import java.util.Optional;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;

/**
 * How an instance's frames are stored, by the {@link TransferSyntaxTable} (AHI's rules, ahi-behaviour §8.4): frames
 * of a syntax import transcodes are decoded and stored in the data store's lossless format (or, when the lossless
 * encoders cannot take them unaltered, as native Explicit VR Little Endian); kept syntaxes are stored as they
 * arrived; a syntax openahi cannot decode is refused as unsupported.
 */
public sealed interface StoragePlan {

    /**
     * Decode the frames ({@code source} as the data set describes them, {@code decoded} as {@code codec} gives them) and
     * store them in the data store's lossless format. {@code photometric} is the data set's Photometric Interpretation
     * when the stored frames' samples no longer match it (subsampled chroma decoded at full resolution).
     */
    record Transcode(FrameCodec codec, PixelLayout source, PixelLayout decoded, Optional<String> photometric)
            implements StoragePlan {
        /** Whether the frames arrived uncompressed: their samples are the file's bytes, no decoding needed. */
        public boolean uncompressed() {
            return codec == Codec.NATIVE.decoder().orElseThrow();
        }
    }

    /**
     * Decode the frames and store them as native pixel data in Explicit VR Little Endian: frames the lossless encoders
     * cannot take without altering them; {@code warning} says why. {@code photometric} as for {@link Transcode}, also
     * when the codec undid a colour transform.
     */
    record StoreNative(
            FrameCodec codec, PixelLayout source, PixelLayout decoded, String warning, Optional<String> photometric)
            implements StoragePlan {}

    /** Store the frames' bytes as they are; a video stream is one frame whatever NumberOfFrames says. */
    record Keep(SyntaxRule syntax) implements StoragePlan {
        public String contentType() {
            return syntax.frameContentType().orElseThrow();
        }

        public boolean wholeStreamIsOneFrame() {
            return syntax.videoStream();
        }
    }

    String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";

    static StoragePlan of(String transferSyntaxUid, Dataset dataset) throws UnsupportedPixelsException {
        SyntaxRule syntax = TransferSyntaxTable.require(transferSyntaxUid);
        if (syntax.onImport() != OnImport.TRANSCODE) {
            return new Keep(syntax);
        }
        FrameCodec codec = syntax.decoder();
        PixelLayout source = PixelLayout.of(dataset);
        PixelLayout decoded = codec.decodedLayout(source);
        String before = source.photometricInterpretation();
        String after = decoded.photometricInterpretation();
        Optional<String> untranscodable = untranscodable(decoded, dataset);
        if (untranscodable.isPresent()) {
            return new StoreNative(
                    codec,
                    source,
                    decoded,
                    untranscodable.get(),
                    after.equals(before) ? Optional.empty() : Optional.of(after));
        }
        // A colour transform undone by a JPEG 2000 decoder is done again by the lossless encoders, so YBR_RCT and
        // YBR_ICT
        // still describe the stored frames; upsampled chroma does not go back.
        boolean transformUndone = before.equals("YBR_RCT") || before.equals("YBR_ICT");
        return new Transcode(
                codec,
                source,
                decoded,
                after.equals(before) || transformUndone ? Optional.empty() : Optional.of(after));
    }

    /** Why decoded frames cannot be stored losslessly as HTJ2K or JPEG 2000 without altering them, if they cannot. */
    private static Optional<String> untranscodable(PixelLayout layout, Dataset dataset) {
        String sopClass = dataset.getString(Tag.SOPClassUID);
        if (layout.bitsAllocated() == 1 && SEGMENTATION_STORAGE.equals(sopClass)) {
            return Optional.of("binary segmentation frames are kept in Explicit VR Little Endian, as AHI keeps them");
        }
        if (layout.bitsAllocated() > 16 || (layout.bitsAllocated() != 1 && layout.bitsAllocated() % 8 != 0)) {
            return Optional.of("BitsStored " + layout.bitsStored() + " / BitsAllocated " + layout.bitsAllocated()
                    + " is beyond the lossless encoders (up to 16 bits); frames kept in Explicit VR Little Endian");
        }
        if (layout.samplesPerPixel() != 1 && layout.samplesPerPixel() != 3) {
            return Optional.of(
                    "SamplesPerPixel " + layout.samplesPerPixel() + " frames kept in Explicit VR Little Endian");
        }
        if (layout.photometricInterpretation().startsWith("YBR_")
                && !layout.photometricInterpretation().equals("YBR_FULL")) {
            return Optional.of(
                    layout.photometricInterpretation() + " (subsampled) frames kept in Explicit VR Little Endian");
        }
        if (layout.highBit() != layout.bitsStored() - 1) {
            return Optional.of("HighBit " + layout.highBit() + " with BitsStored " + layout.bitsStored()
                    + " frames kept in Explicit VR Little Endian");
        }
        return Optional.empty();
    }
}
