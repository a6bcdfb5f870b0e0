package org.openahi.core.pixels;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.openahi.core.datastore.LosslessStorageFormat;

/**
 * A frame that arrived uncompressed, stored as it came until it is encoded in the data store's lossless format
 * (docs/decisions.md, "Uncompressed frames encoded after they are acknowledged"). Its blob, under {@link #FOLDER}, is
 * self-describing: a header with the pixel attributes, the format it is to be encoded in and the checksum the metadata
 * document already gives, then the native pixel data, little-endian, as the attributes describe it. The encoded frame
 * takes the same key in {@code frames/encoded/} ({@link #encodedKey}).
 */
public record PendingFrame(PixelLayout layout, LosslessStorageFormat format, long checksum, byte[] nativePixels) {
    /** The blob folder of frames waiting to be encoded, followed by the work id and the frame id as in frames/. */
    public static final String FOLDER = "pending/";

    /**
     * Not {@code frames/<workId>/}: a frame is encoded after its work (an import job, a STOW-RS request, an
     * association) ended, and the clean-up of ended work deletes the unreferenced blobs of its folders at once, which
     * took encoded frames stored and not yet referenced. Here an encoded frame not referenced is only deleted after
     * the clean-up's grace period ({@link org.openahi.core.blob.BlobCleanup#cleanAll}).
     */
    private static final String ENCODED_FOLDER = "frames/encoded/";

    private static final int MAGIC = 0x4f415046; // "OAPF"
    private static final int HEADER_VERSION = 1;

    public static boolean isPending(String blobKey) {
        return blobKey.startsWith(FOLDER);
    }

    /** The key the frame's encoded blob takes. */
    public static String encodedKey(String pendingKey) {
        if (!isPending(pendingKey)) {
            throw new IllegalArgumentException("Not a pending frame's key: " + pendingKey);
        }
        return ENCODED_FOLDER + pendingKey.substring(FOLDER.length());
    }

    /** The blob: header, then the frame's native pixel data (any padding byte past the frame's samples left out). */
    public byte[] blob() {
        ByteArrayOutputStream header = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(header)) {
            out.writeInt(MAGIC);
            out.writeInt(HEADER_VERSION);
            out.writeInt(layout.rows());
            out.writeInt(layout.columns());
            out.writeInt(layout.samplesPerPixel());
            out.writeInt(layout.bitsAllocated());
            out.writeInt(layout.bitsStored());
            out.writeInt(layout.highBit());
            out.writeBoolean(layout.signed());
            out.writeBoolean(layout.planar());
            out.writeUTF(layout.photometricInterpretation());
            out.writeUTF(format.name());
            out.writeLong(checksum);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The samples copied once, straight after the header (a frame is half a megabyte and more).
        int samples = Math.toIntExact(layout.nativeFrameBytes());
        byte[] blob = Arrays.copyOf(header.toByteArray(), header.size() + samples);
        System.arraycopy(nativePixels, 0, blob, header.size(), samples);
        return blob;
    }

    /** Reads a pending frame's blob; an IOException when it is not one. */
    public static PendingFrame read(byte[] blob) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob));
        if (blob.length < 8 || in.readInt() != MAGIC || in.readInt() != HEADER_VERSION) {
            throw new IOException("not a pending frame's blob");
        }
        PixelLayout layout = new PixelLayout(
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readBoolean(),
                in.readBoolean(),
                in.readUTF(),
                1);
        LosslessStorageFormat format;
        try {
            format = LosslessStorageFormat.valueOf(in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("a pending frame's blob names an unknown format", e);
        }
        long checksum = in.readLong();
        int offset = blob.length - in.available();
        if (blob.length - offset != layout.nativeFrameBytes()) {
            throw new IOException("a pending frame's blob holds " + (blob.length - offset) + " bytes of samples, "
                    + layout.nativeFrameBytes() + " expected");
        }
        return new PendingFrame(layout, format, checksum, Arrays.copyOfRange(blob, offset, blob.length));
    }
}
