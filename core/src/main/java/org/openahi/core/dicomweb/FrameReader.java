package org.openahi.core.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.ExactLengthInputStream;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.core.pixels.CodecThreads;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.pixels.OnImport;
import org.openahi.core.pixels.PendingFrame;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.JphFiles;

/**
 * Reads stored frames the way DICOM carries them: HTJ2K frames (stored as JPH files, as GetImageFrame serves them)
 * as their bare codestream, other frames as stored; and, for clients asking for uncompressed pixels, frames of any
 * syntax the {@link TransferSyntaxTable} has a decoder for, decoded to native little-endian samples, kept in a
 * bounded cache in memory ({@link DecodedFrameCache}) and, behind it, on disk ({@link DecodedFrameFiles}).
 */
public final class FrameReader {
    private static final int JPH_HEAD_BYTES = 4096;

    private final BlobStore blobs;
    private final FrameTranscoder transcoder;
    private final DecodedFrameCache decodedFrames;
    private final DecodedFrameFiles decodedFiles;

    /**
     * @param transcoder encodes frames still pending ({@link PendingFrame}) when they are asked for encoded
     * @param decodedCacheBytes the most decoded frame bytes kept in memory for later requests ({@code 0}: none)
     * @param decodedFiles the decoded frames kept on disk, read when memory misses, given what is decoded
     */
    public FrameReader(
            BlobStore blobs, FrameTranscoder transcoder, long decodedCacheBytes, DecodedFrameFiles decodedFiles) {
        this.blobs = blobs;
        this.transcoder = transcoder;
        this.decodedFrames = new DecodedFrameCache(decodedCacheBytes);
        this.decodedFiles = decodedFiles;
    }

    /** Whether frames stored in the transfer syntax can be sent as native pixels (Explicit VR Little Endian). */
    public static boolean nativeAvailable(String storedTransferSyntaxUid) {
        return TransferSyntaxTable.find(storedTransferSyntaxUid)
                .map(SyntaxRule::decodable)
                .orElse(false);
    }

    /**
     * The pixel attributes of the instance's frames as {@link #decoded} gives them: the stored ones, with the
     * Photometric Interpretation the decoder's samples have (YBR_RCT and YBR_ICT data is RGB once decoded, subsampled
     * chroma full resolution) — what a Part 10 file of decoded frames must say.
     */
    public static PixelLayout decodedLayout(StoredFrames instance) throws UnsupportedPixelsException {
        PixelLayout stored = instance.layout()
                .orElseThrow(() ->
                        new UnsupportedPixelsException("the instance's pixel attributes do not describe its frames"));
        PixelLayout decoded = TransferSyntaxTable.require(instance.transferSyntaxUid())
                .decoder()
                .decodedLayout(stored);
        return decoded.withPlanar(stored.planar());
    }

    /** The frame as an encapsulated fragment holds it. */
    public byte[] encoded(StoredFrame frame) throws IOException {
        byte[] stored = PendingFrame.isPending(frame.blobKey()) ? encodePending(frame) : stored(frame);
        if (!isJph(frame)) {
            return stored;
        }
        try {
            return JphFiles.codestream(stored);
        } catch (Htj2kException e) {
            throw new IOException("Stored frame " + frame.frameId() + " is not a JPH file: " + e.getMessage(), e);
        }
    }

    /** The length of {@link #encoded}, reading only the head of a JPH file. */
    public long encodedLength(StoredFrame frame) throws IOException {
        if (PendingFrame.isPending(frame.blobKey())) {
            return encoded(frame).length;
        }
        if (!isJph(frame)) {
            return frame.size();
        }
        byte[] head;
        try (InputStream in = blobs.get(frame.blobKey())) {
            head = in.readNBytes(JPH_HEAD_BYTES);
        }
        try {
            return JphFiles.codestreamLength(head, frame.size());
        } catch (Htj2kException e) {
            throw new IOException("Stored frame " + frame.frameId() + " is not a JPH file: " + e.getMessage(), e);
        }
    }

    /**
     * The frame's samples as native pixel data, little-endian, as {@link #decodedLayout} describes them
     * ({@link #nativeAvailable} must hold): stored native frames as they are, others decoded, colour plane by colour
     * plane when the instance's Planar Configuration says so. An {@link UndecodableFrameException} when a frame kept as
     * it arrived does not decode, an IOException when a frame openahi encoded no longer does.
     */
    public byte[] decoded(StoredFrame frame, StoredFrames instance) throws IOException, UnsupportedPixelsException {
        if (PendingFrame.isPending(frame.blobKey())) {
            return PendingFrame.read(stored(frame)).nativePixels();
        }
        SyntaxRule syntax = TransferSyntaxTable.require(instance.transferSyntaxUid());
        if (syntax.nativePixels()) {
            return stored(frame);
        }
        PixelLayout layout = instance.layout()
                .orElseThrow(() ->
                        new UnsupportedPixelsException("the instance's pixel attributes do not describe its frames"));
        try {
            // A blob is one instance's frame, so its layout is the same at every request; the cached bytes are shared
            // with other requests, so read-only.
            return decodedFrames.get(frame.blobKey(), () -> {
                // Read and checked on the coding threads, as decoding is: a file is a fraction of a millisecond of CPU,
                // but at a thousand a second on the carriers some requests waited 1-2.6 s at 32 connections (6 runs of
                // 11), none over 262 ms on these threads (4 runs; docs/benchmarks.md).
                Optional<byte[]> kept = CodecThreads.run(() -> decodedFiles.read(frame.blobKey()));
                return kept.isPresent() ? kept.get() : decodeAndKeep(frame, syntax, layout);
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private byte[] decodeAndKeep(StoredFrame frame, SyntaxRule syntax, PixelLayout layout) throws IOException {
        byte[] samples = decode(frame, syntax, layout);
        decodedFiles.offer(frame.blobKey(), samples);
        return samples;
    }

    private byte[] decode(StoredFrame frame, SyntaxRule syntax, PixelLayout layout) throws IOException {
        byte[] samples;
        PixelLayout decoded;
        try {
            byte[] stored = stored(frame);
            samples = CodecThreads.run(() -> syntax.decoder().decode(stored, layout));
            decoded = syntax.decoder().decodedLayout(layout);
        } catch (UnsupportedPixelsException e) {
            // Frames openahi encoded were decoded and verified before they were stored: one that no longer decodes
            // is damaged. Frames kept as they arrived were never decoded: the client's data may not be decodable.
            String message = "Stored frame " + frame.frameId() + " cannot be decoded: " + e.getMessage();
            throw syntax.onImport() == OnImport.TRANSCODE
                    ? new IOException(message, e)
                    : new UndecodableFrameException(
                            message + "; it is kept as received in " + syntax.name() + " (" + syntax.uid()
                                    + "), which a client may ask for (transfer-syntax=" + syntax.uid() + " or *)",
                            e);
        }
        return layout.planar() && !decoded.planar() && layout.samplesPerPixel() > 1 && layout.bitsAllocated() >= 8
                ? planar(samples, layout)
                : samples;
    }

    /** Interleaved samples (RGBRGB...) rearranged as planes (RR..GG..BB..). */
    private static byte[] planar(byte[] interleaved, PixelLayout layout) {
        int bytes = layout.bitsAllocated() / 8;
        int components = layout.samplesPerPixel();
        int pixels = interleaved.length / (bytes * components);
        byte[] planes = new byte[interleaved.length];
        for (int pixel = 0; pixel < pixels; pixel++) {
            for (int component = 0; component < components; component++) {
                System.arraycopy(
                        interleaved,
                        (pixel * components + component) * bytes,
                        planes,
                        (component * pixels + pixel) * bytes,
                        bytes);
            }
        }
        return planes;
    }

    /** A frame still pending, encoded now as it will be stored. */
    private byte[] encodePending(StoredFrame frame) throws IOException {
        return transcoder.encodePending(frame.frameId(), stored(frame));
    }

    /** The stored bytes; an IOException when the blob does not hold the bytes the frame was stored with. */
    private byte[] stored(StoredFrame frame) throws IOException {
        try (InputStream in = new ExactLengthInputStream(
                blobs.get(frame.blobKey()), frame.size(), "Stored frame " + frame.frameId())) {
            return in.readAllBytes();
        }
    }

    private static boolean isJph(StoredFrame frame) {
        return TransferSyntaxTable.JPH_FILE.equals(frame.contentType());
    }
}
