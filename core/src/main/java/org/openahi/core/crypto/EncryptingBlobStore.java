package org.openahi.core.crypto;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.WorkOwners;

/**
 * Encryption at rest as a {@link BlobStore} decorator: every blob is written encrypted with its data store's data key
 * ({@link DataKeys}; the data store of the work writing it, {@link WorkOwners}) in AES-256-GCM segments of 64 KiB, so
 * neither writing nor reading holds a blob whole, and any change — a flipped bit, a segment dropped, swapped or cut —
 * fails the read instead of yielding other bytes.
 * <pre>
 * "OAHIENC1" | owner (32 bytes, ASCII, space-padded) | nonce prefix (8) | segments: ciphertext + tag (16)
 * </pre>
 * A segment's nonce is the prefix and its number; its additional data is the header and whether it is the last, so a
 * blob cut at a segment boundary does not verify. Blobs written before encryption was turned on (no magic) are read
 * as they are.
 */
public final class EncryptingBlobStore implements BlobStore {
    static final int SEGMENT_BYTES = 64 * 1024;
    private static final int TAG_BYTES = 16;
    private static final byte[] MAGIC = "OAHIENC1".getBytes(StandardCharsets.US_ASCII);
    private static final int OWNER_BYTES = 32;
    static final int HEADER_BYTES = MAGIC.length + OWNER_BYTES + 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BlobStore blobs;
    private final DataKeys keys;

    public EncryptingBlobStore(BlobStore blobs, DataKeys keys) {
        this.blobs = blobs;
        this.keys = keys;
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        String owner = WorkOwners.ownerOf(key).orElse(DataKeys.SERVER);
        byte[] prefix = new byte[8];
        RANDOM.nextBytes(prefix);
        byte[] header = header(owner, prefix);
        long segments = Math.max(1, (length + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
        blobs.put(
                key,
                new Encrypting(content, length, keys.of(owner), header, prefix),
                header.length + length + segments * TAG_BYTES);
    }

    @Override
    public InputStream get(String key) throws IOException {
        InputStream raw = blobs.get(key);
        try {
            byte[] magic = raw.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                return new SequenceInputStream(new ByteArrayInputStream(magic), raw);
            }
            byte[] owner = raw.readNBytes(OWNER_BYTES);
            byte[] prefix = raw.readNBytes(8);
            String ownerName = new String(owner, StandardCharsets.US_ASCII).strip();
            if (owner.length != OWNER_BYTES || prefix.length != 8 || ownerName.isEmpty()) {
                throw new IOException("Blob " + key + " has a damaged encryption header");
            }
            return new Decrypting(raw, keys.of(ownerName), header(ownerName, prefix), prefix, key);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        blobs.delete(key);
    }

    /** The blobs with the sizes of their contents (blobs written before encryption: their size less the header's). */
    @Override
    public Stream<BlobInfo> list(String prefix) throws IOException {
        return blobs.list(prefix)
                .map(blob -> new BlobInfo(blob.key(), plaintextSize(blob.size()), blob.lastModified()));
    }

    static long plaintextSize(long stored) {
        long body = stored - HEADER_BYTES;
        if (body < TAG_BYTES) {
            return Math.max(0, body);
        }
        long segments = Math.max(1, (body + SEGMENT_BYTES + TAG_BYTES - 1) / (SEGMENT_BYTES + TAG_BYTES));
        return body - segments * TAG_BYTES;
    }

    @Override
    public void close() {
        blobs.close();
    }

    private static byte[] header(String owner, byte[] prefix) {
        if (owner.length() > OWNER_BYTES || !owner.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException(
                    "A data key owner is 1 to 32 printable ASCII characters, not '" + owner + "'");
        }
        byte[] name = String.format("%-" + OWNER_BYTES + "s", owner).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(HEADER_BYTES)
                .put(MAGIC)
                .put(name)
                .put(prefix)
                .array();
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] prefix, long segment, byte[] header, boolean last) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    mode,
                    key,
                    new GCMParameterSpec(
                            TAG_BYTES * 8,
                            ByteBuffer.allocate(12)
                                    .put(prefix)
                                    .putInt((int) segment)
                                    .array()));
            cipher.updateAAD(header);
            cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Hands out one segment at a time: {@link #next} fills {@code ready} and says whether it was the last. */
    private abstract static class SegmentStream extends InputStream {
        ByteBuffer ready;
        private boolean ended;

        SegmentStream(ByteBuffer first) {
            this.ready = first;
        }

        /** Makes the next segment {@code ready}; true when it is the last. */
        abstract boolean next() throws IOException;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (!ready.hasRemaining()) {
                if (ended) {
                    return -1;
                }
                ended = next();
            }
            int n = Math.min(length, ready.remaining());
            ready.get(buffer, offset, n);
            return n;
        }
    }

    /** The header, then each segment of {@code length} plaintext bytes sealed as it is read. */
    private static final class Encrypting extends SegmentStream {
        private final InputStream plain;
        private final SecretKey key;
        private final byte[] prefix;
        private final byte[] header;
        private long remaining;
        private long segment;

        Encrypting(InputStream plain, long length, SecretKey key, byte[] header, byte[] prefix) {
            super(ByteBuffer.wrap(header));
            this.plain = plain;
            this.remaining = length;
            this.key = key;
            this.header = header;
            this.prefix = prefix;
        }

        @Override
        boolean next() throws IOException {
            int size = (int) Math.min(SEGMENT_BYTES, remaining);
            byte[] chunk = plain.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("The blob's content ended " + (remaining - chunk.length) + " bytes short");
            }
            remaining -= size;
            boolean last = remaining == 0;
            try {
                ready = ByteBuffer.wrap(cipher(Cipher.ENCRYPT_MODE, key, prefix, segment++, header, last)
                        .doFinal(chunk));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e);
            }
            return last;
        }

        @Override
        public void close() throws IOException {
            plain.close();
        }
    }

    /** Each segment opened and verified before a byte of it is given out. */
    private static final class Decrypting extends SegmentStream {
        private final InputStream sealed;
        private final SecretKey key;
        private final byte[] header;
        private final byte[] prefix;
        private final String blobKey;
        private long segment;
        private int lookahead = -1;

        Decrypting(InputStream sealed, SecretKey key, byte[] header, byte[] prefix, String blobKey) {
            super(ByteBuffer.allocate(0));
            this.sealed = sealed;
            this.key = key;
            this.header = header;
            this.prefix = prefix;
            this.blobKey = blobKey;
        }

        @Override
        boolean next() throws IOException {
            byte[] chunk = new byte[SEGMENT_BYTES + TAG_BYTES];
            int filled = 0;
            if (lookahead >= 0) {
                chunk[filled++] = (byte) lookahead;
            }
            filled += sealed.readNBytes(chunk, filled, chunk.length - filled);
            lookahead = filled == chunk.length ? sealed.read() : -1;
            boolean last = lookahead < 0;
            if (filled < TAG_BYTES) {
                throw new IOException(
                        "Blob " + blobKey + " is cut short: segment " + segment + " has no room for its tag");
            }
            try {
                ready = ByteBuffer.wrap(cipher(Cipher.DECRYPT_MODE, key, prefix, segment++, header, last)
                        .doFinal(chunk, 0, filled));
            } catch (GeneralSecurityException e) {
                throw new IOException(
                        "Blob " + blobKey + " does not verify at segment " + (segment - 1)
                                + ": it was changed, cut short, or not written with its data store's key",
                        e);
            }
            return last;
        }

        @Override
        public void close() throws IOException {
            sealed.close();
        }
    }
}
