package org.openahi.core.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.openahi.core.store.Sha256;
import org.openahi.core.work.Checkpoints;

/**
 * Blobs in two locations: the primary one, where every blob is written, and the archive one, where archived image
 * sets' blobs are moved ({@link #archive}) and copied back from when they are accessed again ({@link #restore}). A
 * blob is read from wherever it is, so a move never makes it unreadable: it is copied, the copy read back and
 * compared, and only then is the original deleted. Killed at any point, a move leaves the blob whole in one location
 * or both; the move is simply made again.
 */
public final class TieredBlobStore implements BlobStore {
    private final BlobStore primary;
    private final BlobStore archive;

    public TieredBlobStore(BlobStore primary, BlobStore archive) {
        this.primary = primary;
        this.archive = archive;
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        primary.put(key, content, length);
    }

    /**
     * The blob from the primary location, else from the archive: a blob leaves the primary location only once its
     * archived copy is verified, and the archived copy is never deleted by a move.
     */
    @Override
    public InputStream get(String key) throws IOException {
        try {
            return primary.get(key);
        } catch (BlobNotFoundException notPrimary) {
            return archive.get(key);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        primary.delete(key);
        archive.delete(key);
    }

    @Override
    public Stream<BlobInfo> list(String prefix) throws IOException {
        Stream<BlobInfo> primaryBlobs = primary.list(prefix);
        try {
            Stream<BlobInfo> archived = archive.list(prefix);
            return Stream.concat(primaryBlobs, archived).onClose(() -> {
                primaryBlobs.close();
                archived.close();
            });
        } catch (IOException | RuntimeException e) {
            primaryBlobs.close();
            throw e;
        }
    }

    /**
     * Moves the blob to the archive location: copies it there, reads the copy back and compares it, and deletes the
     * original only while {@code stillWanted} says the move is still wanted (an image set accessed during its move keeps
     * its blobs where they were). A blob no longer in the primary location is left as it is.
     *
     * @return whether the blob was moved
     */
    public boolean archive(String key, BooleanSupplier stillWanted) throws IOException {
        if (!copy(key, primary, archive)) {
            return false;
        }
        Checkpoints.reach("tier.blob-copied");
        if (!stillWanted.getAsBoolean()) {
            return false;
        }
        primary.delete(key);
        return true;
    }

    /**
     * Copies the blob back to the primary location, verified, and keeps the archived copy: a blob is deleted only from
     * the primary location and only once its archived copy was read back, so no interleaving of moves, on one server or
     * several, can delete its last copy. A blob already in the primary location (or not archived) is left as it is.
     *
     * @return whether the blob was copied
     */
    public boolean restore(String key) throws IOException {
        try (InputStream present = primary.get(key)) {
            return false;
        } catch (BlobNotFoundException notInPrimary) {
            boolean copied = copy(key, archive, primary);
            if (copied) {
                Checkpoints.reach("tier.blob-copied");
            }
            return copied;
        }
    }

    /** Copies the blob, then reads the copy back and compares SHA-256; false when the source has no such blob. */
    private static boolean copy(String key, BlobStore from, BlobStore to) throws IOException {
        Path spool = Files.createTempFile("openahi-move-", ".blob");
        try {
            byte[] digest;
            try (InputStream in = from.get(key);
                    OutputStream out = Files.newOutputStream(spool)) {
                DigestInputStream digesting = new DigestInputStream(in, Sha256.newDigest());
                digesting.transferTo(out);
                digest = digesting.getMessageDigest().digest();
            } catch (BlobNotFoundException absent) {
                return false;
            }
            try (InputStream in = Files.newInputStream(spool)) {
                to.put(key, in, Files.size(spool));
            }
            if (!Arrays.equals(digest, digestOf(to, key))) {
                throw new IOException("Blob " + key + " read back from its new location differs from the original; the "
                        + "original is kept");
            }
            return true;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static byte[] digestOf(BlobStore store, String key) throws IOException {
        try (DigestInputStream in = new DigestInputStream(store.get(key), Sha256.newDigest())) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.getMessageDigest().digest();
        }
    }

    @Override
    public void close() {
        try {
            primary.close();
        } finally {
            archive.close();
        }
    }
}
