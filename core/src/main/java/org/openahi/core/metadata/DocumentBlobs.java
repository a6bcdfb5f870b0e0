package org.openahi.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.openahi.core.blob.BlobStore;

/**
 * Metadata documents as gzip blobs: written once through a temporary file (so memory does not grow with the
 * document), read back decompressed, and their identity and search summary read on the way in.
 */
public final class DocumentBlobs {
    private static final int BUFFER = 64 * 1024;

    private final BlobStore blobs;

    public DocumentBlobs(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** A stored document: its blob and the facts the image set row keeps of it. */
    public record StoredDocument(String blobKey, DocumentFacts facts) {}

    /** Writes the document {@code writing} produces (uncompressed JSON) under {@code blobKey}. */
    @FunctionalInterface
    public interface Writing {
        void writeTo(OutputStream json) throws IOException;
    }

    public StoredDocument write(String blobKey, Writing writing) throws IOException {
        Path file = Files.createTempFile("openahi-metadata-", ".json.gz");
        try {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), BUFFER)) {
                writing.writeTo(out);
            }
            DocumentFacts facts;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), BUFFER)) {
                facts = DocumentFacts.read(in);
            }
            try (InputStream in = Files.newInputStream(file)) {
                blobs.put(blobKey, in, Files.size(file));
            }
            return new StoredDocument(blobKey, facts);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes a document held as a tree. */
    public StoredDocument writeTree(String blobKey, JsonNode document) throws IOException {
        return write(blobKey, out -> MetadataTrees.write(out, document));
    }

    /** The document as a tree. */
    public ObjectNode readTree(String blobKey) throws IOException {
        try (InputStream in = open(blobKey)) {
            return MetadataTrees.read(in);
        }
    }

    /** The document as stored: gzip-compressed JSON. */
    public InputStream openCompressed(String blobKey) throws IOException {
        return blobs.get(blobKey);
    }

    /** The document, decompressed. */
    public InputStream open(String blobKey) throws IOException {
        return new GZIPInputStream(blobs.get(blobKey), BUFFER);
    }

    public void deleteQuietly(String blobKey) {
        try {
            blobs.delete(blobKey);
        } catch (IOException e) {
            // Left for the orphan cleanup.
        }
    }
}
