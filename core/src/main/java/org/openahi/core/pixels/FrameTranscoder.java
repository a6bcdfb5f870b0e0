package org.openahi.core.pixels;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kEncoder;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.ImageDescription;
import org.openahi.htj2k.J2kEncoder;

/**
 * Turns one frame into the data store's lossless format and proves it: the frame is decoded to samples by its
 * codec, encoded, decoded again and compared sample by sample with the decoded original before anything is stored —
 * AHI's pixel data verification. The CRC32 of the decoded buffer (samples interleaved, little-endian,
 * ceil(BitsStored/8) bytes each) is the checksum clients verify. HTJ2K frames are stored as JPH files (the codestream
 * in JP2-family boxes), as AHI serves them to clients that read them in JP2 mode; JPEG 2000 lossless frames (.90) as
 * bare codestreams (docs/decisions.md). Once a frame is stored, its verified decoded samples go to the decoded frame
 * tier ({@link #stored}), so the first client asking for them uncompressed is not the first to decode them.
 */
public final class FrameTranscoder {
    // Codecs keep their buffers between frames; each import worker thread has its own, helped by CodecThreads.
    private static final Reclaimable<Htj2kEncoder> ENCODERS = new Reclaimable<>(CodecThreads::encoder);
    private static final Reclaimable<J2kEncoder> J2K_ENCODERS = new Reclaimable<>(CodecThreads::j2kEncoder);
    private static final Reclaimable<Htj2kDecoder> DECODERS = new Reclaimable<>(CodecThreads::decoder);
    // The verifying decode's output, kept for the next frame (a series' frames have one size): 512 KB a CT slice.
    private static final Reclaimable<byte[]> VERIFIED = new Reclaimable<>(() -> new byte[0]);

    private final DecodedFrameSink decodedFrames;

    public FrameTranscoder(DecodedFrameSink decodedFrames) {
        this.decodedFrames = decodedFrames;
    }

    /** The frame decoded to native pixel data, as {@code plan.decoded()} describes it. */
    public byte[] toNative(byte[] frame, StoragePlan.StoreNative plan) throws UnsupportedPixelsException {
        return plan.codec().decode(frame, plan.source());
    }

    public EncodedFrame transcode(byte[] frame, StoragePlan.Transcode plan, LosslessStorageFormat format)
            throws UnsupportedPixelsException, PixelVerificationException {
        return transcode(frame, plan, format, stored -> {});
    }

    /**
     * As {@link #transcode(byte[], StoragePlan.Transcode, LosslessStorageFormat)}, handing the encoded frame to
     * {@code encoded} before it is verified, so that its caller can start storing it meanwhile (and must discard it
     * when verification fails).
     */
    public EncodedFrame transcode(
            byte[] frame, StoragePlan.Transcode plan, LosslessStorageFormat format, Consumer<byte[]> encoded)
            throws UnsupportedPixelsException, PixelVerificationException {
        PixelLayout layout = plan.decoded();
        Samples samples = Samples.ofNative(plan.codec().decode(frame, plan.source()), layout);
        // Bits above HighBit that are not the value's sign (an embedded overlay) are kept: whole containers are coded.
        Samples coded = samples.containersHoldOnlyValues() ? samples : samples.whole();
        ImageDescription description = new ImageDescription(
                layout.columns(), layout.rows(), layout.samplesPerPixel(), coded.bitsStored(), coded.signed());
        try {
            byte[] stored = encode(format, description, coded);
            encoded.accept(stored);
            DecodedImage decoded = DECODERS.get().decode(stored, VERIFIED.get());
            byte[] decodedBuffer = decoded.nativeBytes();
            coded.verify(decoded);
            if (coded != samples) {
                samples.findValueRange();
            }
            CRC32 crc = new CRC32();
            crc.update(decodedBuffer);
            Optional<byte[]> nativePixels =
                    decodedFrames.takesFrames() ? nativePixels(decoded, plan.source()) : Optional.empty();
            // The buffer is kept for the next frame, unless it is handed to the decoded frames: then it is theirs, and
            // the next frame is verified in a new one (the allocation the tier costs the ingest).
            boolean handedOver = nativePixels.isPresent() && nativePixels.get() == decodedBuffer;
            VERIFIED.set(handedOver ? new byte[0] : decodedBuffer);
            return new EncodedFrame(
                    stored,
                    decodedBuffer.length,
                    OptionalLong.of(samples.min()),
                    OptionalLong.of(samples.max()),
                    layout.columns(),
                    layout.rows(),
                    crc.getValue(),
                    nativePixels);
        } catch (Htj2kException e) {
            throw new UnsupportedPixelsException(format + " encoding failed: " + e.getMessage());
        }
    }

    /**
     * The uncompressed frame as a {@link PendingFrame}'s blob, with what the metadata document says of it found from
     * its samples as {@link #transcode} finds it once encoded (decoded size, range, checksum), so that it can be stored
     * and acknowledged now and encoded later ({@link #encodePending}). Only for frames {@link
     * StoragePlan.Transcode#uncompressed}.
     */
    public EncodedFrame pending(byte[] frame, StoragePlan.Transcode plan, LosslessStorageFormat format)
            throws UnsupportedPixelsException {
        if (!plan.uncompressed()) {
            throw new IllegalArgumentException("Only uncompressed frames are stored before they are encoded");
        }
        PixelLayout layout = plan.decoded();
        Samples samples = Samples.ofNative(frame, layout);
        Samples coded = samples.containersHoldOnlyValues() ? samples : samples.whole();
        Samples.DecodedBuffer buffer = coded.decodedBuffer();
        if (coded != samples) {
            samples.findValueRange();
        }
        byte[] blob = new PendingFrame(layout, format, buffer.checksum(), frame).blob();
        return new EncodedFrame(
                blob,
                buffer.length(),
                OptionalLong.of(samples.min()),
                OptionalLong.of(samples.max()),
                layout.columns(),
                layout.rows(),
                buffer.checksum(),
                Optional.empty());
    }

    /**
     * The pending frame encoded in its format and verified as {@link #transcode} does, and its checksum found to be the
     * one the metadata document gives; a {@link PixelVerificationException} otherwise.
     */
    public EncodedFrame encodePending(PendingFrame pending)
            throws UnsupportedPixelsException, PixelVerificationException {
        PixelLayout layout = pending.layout();
        EncodedFrame encoded = transcode(
                pending.nativePixels(),
                new StoragePlan.Transcode(Codec.NATIVE.decoder().orElseThrow(), layout, layout, Optional.empty()),
                pending.format());
        if (encoded.checksum() != pending.checksum()) {
            throw new PixelVerificationException("pixel data verification failed: the encoded frame's checksum "
                    + encoded.checksum() + " is not the " + pending.checksum() + " recorded when it was stored");
        }
        return encoded;
    }

    /**
     * A pending frame's blob encoded as it will be stored, on the coding threads, for a reader asking for it before the
     * background encoder got to it; an IOException naming the frame when it cannot be.
     */
    public byte[] encodePending(String frameId, byte[] blob) throws IOException {
        PendingFrame pending = PendingFrame.read(blob);
        return CodecThreads.run(() -> {
            try {
                return encodePending(pending).bytes();
            } catch (UnsupportedPixelsException | PixelVerificationException e) {
                throw new IOException("Stored frame " + frameId + " cannot be encoded: " + e.getMessage(), e);
            }
        });
    }

    /** The frame {@code encoded} describes is stored in blob {@code blobKey}. */
    public void stored(String blobKey, EncodedFrame encoded) {
        encoded.nativePixels().ifPresent(samples -> decodedFrames.offer(blobKey, samples));
    }

    /**
     * The decoded samples as a JPEG 2000 decoder of the stored frame gives them for the data set's pixel attributes
     * ({@link Jpeg2000Codec}); empty for colour plane by colour plane frames, which readers rearrange themselves.
     */
    private static Optional<byte[]> nativePixels(DecodedImage decoded, PixelLayout source) {
        if (source.planar() && source.samplesPerPixel() > 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(CodecOutput.toNative(
                    "JPEG 2000", decoded.nativeBytes(), decoded.bytesPerSample(), decoded.signed(), source));
        } catch (UnsupportedPixelsException e) {
            return Optional.empty();
        }
    }

    private static byte[] encode(LosslessStorageFormat format, ImageDescription description, Samples samples)
            throws Htj2kException {
        return switch (format) {
            case HTJ2K -> ENCODERS.get().encodeJph(description, samples.container(), 0, samples.bitsPerContainer());
            case JPEG_2000_LOSSLESS ->
                J2K_ENCODERS.get().encode(description, samples.container(), 0, samples.bitsPerContainer());
        };
    }
}
