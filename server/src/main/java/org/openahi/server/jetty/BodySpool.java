package org.openahi.server.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.openahi.core.importing.IntakeMemory;
import org.openahi.core.store.Sha256;
import org.openahi.server.aws.auth.ChunkSignatures;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.SpooledBody;

/**
 * Keeps a request body as it arrives, computing its SHA-256 on the way when a SigV4 signature covers it. A body
 * whose declared length fits the {@link IntakeMemory} left is held in memory (a CT slice costs no file written, read
 * back and deleted); any other is written to a file in the spool folder, so an upload of up to
 * {@code OPENAHI_STOW_MAX_BYTES} never sits in memory. The folder is the server's
 * own (under its data directory, on the volume sized for DICOM, not a small /tmp); what a crash left there is removed
 * at start. A body takes no more than the room its {@link SpoolBudget} reservation gives, wherever it is kept. The
 * caller closes the body.
 */
final class BodySpool {
    private static final int BUFFER_BYTES = 64 * 1024;
    private final Path folder;
    private final long maxBytes;
    private final IntakeMemory memory = new IntakeMemory();

    BodySpool(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(folder);
            try (var leftovers = Files.list(folder)) {
                for (Path leftover : leftovers.toList()) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot prepare the request spool folder " + folder, e);
        }
    }

    /** The largest body spooled. */
    long maxBytes() {
        return maxBytes;
    }

    /**
     * The body spooled, decoded when it is aws-chunked ({@code chunks}, its chunk signatures checked as it arrives).
     *
     * @param hashed whether to compute the body's SHA-256 (a signature covers it)
     * @throws HttpError 413 when the body is (or is declared) larger than the limit, 503 when it outgrows the room
     *     reserved for it; nothing is left behind
     */
    SpooledBody spool(Request request, SpoolBudget.Reservation room, Optional<ChunkSignatures> chunks, boolean hashed)
            throws IOException {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw HttpError.requestTooLarge(maxBytes);
        }
        Optional<MessageDigest> sha256 = hashed ? Optional.of(Sha256.newDigest()) : Optional.empty();
        Optional<byte[]> buffer = declared >= 0 ? memory.take(declared) : Optional.empty();
        if (buffer.isPresent()) {
            try {
                return inMemory(request, buffer.get(), (int) declared, chunks, sha256);
            } catch (IOException | RuntimeException e) {
                memory.give(buffer.get());
                throw e;
            }
        }
        return onDisk(request, room, chunks, sha256);
    }

    /** The body read into {@code bytes}, at most its declared length (aws-chunked data is shorter than its encoding). */
    private SpooledBody inMemory(
            Request request,
            byte[] bytes,
            int declared,
            Optional<ChunkSignatures> chunks,
            Optional<MessageDigest> sha256)
            throws IOException {
        int size;
        try (InputStream in = decoded(Content.Source.asInputStream(request), chunks)) {
            size = in.readNBytes(bytes, 0, declared);
        }
        Optional<String> hex = sha256.map(digest -> {
            digest.update(bytes, 0, size);
            return HexFormat.of().formatHex(digest.digest());
        });
        return SpooledBody.inMemory(bytes, size, hex, () -> memory.give(bytes));
    }

    private SpooledBody onDisk(
            Request request,
            SpoolBudget.Reservation room,
            Optional<ChunkSignatures> chunks,
            Optional<MessageDigest> sha256)
            throws IOException {
        Path file = Files.createTempFile(folder, "body-", ".part");
        try {
            long size = 0;
            try (InputStream in = decoded(Content.Source.asInputStream(request), chunks);
                    OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    size += read;
                    if (size > maxBytes) {
                        throw HttpError.requestTooLarge(maxBytes);
                    }
                    if (!room.cover(size)) {
                        throw HttpError.serviceUnavailable(RootHandler.SPOOL_FULL);
                    }
                    if (sha256.isPresent()) {
                        sha256.get().update(buffer, 0, read);
                    }
                    out.write(buffer, 0, read);
                }
            }
            return SpooledBody.onDisk(
                    file, size, sha256.map(digest -> HexFormat.of().formatHex(digest.digest())));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The body as sent, or the data of its chunks when it is aws-chunked with chunk signatures. */
    static InputStream decoded(InputStream body, Optional<ChunkSignatures> chunks) {
        return chunks.map(signatures -> signatures.decode(body)).orElse(body);
    }
}
