package org.openahi.server.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.WorkOwners;
import org.openahi.core.crypto.DataKeys;
import org.openahi.core.crypto.EncryptingBlobStore;
import org.openahi.core.crypto.MasterKeys;
import org.openahi.core.store.MetadataStore;
import org.openahi.store.fs.FileSystemBlobStore;
import org.openahi.store.jdbc.JdbcMetadataStore;
import org.openahi.store.jdbc.JdbcSettings;
import org.openahi.store.tck.BlobStoreContract;

/**
 * The encrypting blob store over the file system store and data keys in SQLite: the blob store contract, then what
 * encryption adds — no plaintext on disk, a data key per data store, tampering and truncation detected, master key
 * rotation re-wrapping data keys without touching blobs.
 */
class EncryptingBlobStoreTest extends BlobStoreContract {
    private static final String DEFAULT_KEY = "arn:aws:kms:us-east-1:123456789012:key/default";
    private static final String OTHER_KEY = "arn:aws:kms:us-east-1:123456789012:key/other";

    @TempDir
    Path root;

    private MetadataStore metadata;

    @Override
    protected BlobStore openStore() throws IOException {
        metadata = JdbcMetadataStore.open(JdbcSettings.of("jdbc:sqlite:" + root.resolve("openahi.db")));
        return encrypted(masterKeys(1));
    }

    @AfterEach
    void closeMetadata() {
        metadata.close();
    }

    private BlobStore encrypted(MasterKeys keys) throws IOException {
        return new EncryptingBlobStore(
                new FileSystemBlobStore(root.resolve("blobs")),
                new DataKeys(
                        metadata,
                        keys,
                        datastore -> datastore.startsWith("other") ? Optional.of(OTHER_KEY) : Optional.empty()));
    }

    /** Two master keys with versions 1 to {@code versions}, each version's material derived from its number. */
    private static MasterKeys masterKeys(int... versions) {
        StringBuilder json = new StringBuilder("{\"default\": \"" + DEFAULT_KEY + "\", \"keys\": [");
        for (String arn : List.of(DEFAULT_KEY, OTHER_KEY)) {
            json.append(arn.equals(DEFAULT_KEY) ? "" : ",")
                    .append("{\"arn\": \"")
                    .append(arn)
                    .append("\", \"versions\": [");
            for (int i = 0; i < versions.length; i++) {
                byte[] material = new byte[32];
                new Random(arn.hashCode() * 31L + versions[i]).nextBytes(material);
                json.append(i == 0 ? "" : ",")
                        .append("{\"version\": ")
                        .append(versions[i])
                        .append(", \"material\": \"")
                        .append(Base64.getEncoder().encodeToString(material))
                        .append("\"}");
            }
            json.append("]}");
        }
        try {
            Path file = Files.createTempFile("openahi-keys-", ".json");
            try {
                Files.writeString(file, json.append("]}").toString());
                return MasterKeys.read(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] pixels(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i / 512 + i % 7); // a recognisable ramp, as native pixel data is
        }
        return bytes;
    }

    private void put(BlobStore blobs, String key, byte[] content) throws IOException {
        blobs.put(key, new ByteArrayInputStream(content), content.length);
    }

    private static byte[] read(BlobStore blobs, String key) throws IOException {
        try (InputStream in = blobs.get(key)) {
            return in.readAllBytes();
        }
    }

    private Path fileOf(String key) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            return files.filter(Files::isRegularFile)
                    .filter(path ->
                            path.startsWith(root.resolve("blobs").resolve(key.substring(0, key.lastIndexOf('/'))))
                                    && path.getFileName().toString().equals(key.substring(key.lastIndexOf('/') + 1)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no file for blob " + key));
        }
    }

    @Test
    void noPlaintextReachesTheDiskAndEachDataStoreHasItsOwnKey() throws IOException {
        byte[] frame = pixels(300_000);
        try (WorkOwners.Registration a = WorkOwners.register("work-a", "datastore-a");
                WorkOwners.Registration b = WorkOwners.register("work-b", "other-datastore")) {
            put(store, "frames/work-a/f1", frame);
            put(store, "frames/work-b/f2", frame);
        }
        for (String key : List.of("frames/work-a/f1", "frames/work-b/f2")) {
            byte[] onDisk = Files.readAllBytes(fileOf(key));
            assertThat(onDisk.length).as("header, 5 segments with their tags").isEqualTo(48 + frame.length + 5 * 16);
            for (int offset = 0; offset + 64 <= frame.length; offset += 4096) {
                assertThat(indexOf(onDisk, Arrays.copyOfRange(frame, offset, offset + 64)))
                        .as("plaintext at " + offset)
                        .isNegative();
            }
            assertThat(read(store, key)).isEqualTo(frame);
        }
        assertThat(new String(
                                Files.readAllBytes(fileOf("frames/work-a/f1")),
                                8,
                                32,
                                java.nio.charset.StandardCharsets.US_ASCII)
                        .strip())
                .isEqualTo("datastore-a");
        DataKeys keys = new DataKeys(metadata, masterKeys(1), datastore -> Optional.empty());
        assertThat(keys.masterKeyOf("datastore-a")).hasValue(DEFAULT_KEY);
        assertThat(keys.masterKeyOf("other-datastore")).as("its kmsKeyArn").hasValue(OTHER_KEY);
        assertThat(keys.of("datastore-a")).isNotEqualTo(keys.of("other-datastore"));
    }

    @Test
    void aChangedOrCutBlobFailsToReadInsteadOfYieldingOtherBytes() throws IOException {
        byte[] frame = pixels(200_000);
        put(store, "frames/x/flip", frame);
        put(store, "frames/x/cut", frame);
        Path flipped = fileOf("frames/x/flip");
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[bytes.length / 2] ^= 1;
        Files.write(flipped, bytes);
        assertThatThrownBy(() -> read(store, "frames/x/flip"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not verify at segment 1");
        Path cut = fileOf("frames/x/cut");
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(whole, 48 + 2 * (65_536 + 16)));
        assertThatThrownBy(() -> read(store, "frames/x/cut"))
                .as("cut at a segment boundary")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not verify at segment 1");
    }

    @Test
    void rotationReWrapsDataKeysAndBlobsStayReadableWithoutTheOldVersion() throws IOException {
        byte[] frame = pixels(100_000);
        try (WorkOwners.Registration a = WorkOwners.register("work-r", "datastore-r")) {
            put(store, "frames/work-r/f", frame);
        }
        byte[] before = Files.readAllBytes(fileOf("frames/work-r/f"));
        DataKeys rotating = new DataKeys(metadata, masterKeys(1, 2), datastore -> Optional.empty());
        assertThat(rotating.rotate()).isEqualTo(1);
        assertThat(rotating.rotate()).as("nothing left to re-wrap").isZero();
        assertThat(Files.readAllBytes(fileOf("frames/work-r/f")))
                .as("blobs are not rewritten")
                .isEqualTo(before);
        assertThat(read(encrypted(masterKeys(2)), "frames/work-r/f"))
                .as("read with version 2 alone")
                .isEqualTo(frame);
        assertThatThrownBy(() -> read(encrypted(masterKeys(3)), "frames/work-r/f"))
                .as("a key file without version 2")
                .hasMessageContaining("wrapped by version 2 of " + DEFAULT_KEY + ", which the key file does not have");
    }

    @Test
    void blobsWrittenBeforeEncryptionAreReadAsTheyAre() throws IOException {
        byte[] legacy = pixels(1000);
        try (BlobStore plain = new FileSystemBlobStore(root.resolve("blobs"))) {
            put(plain, "frames/old/f", legacy);
        }
        assertThat(read(store, "frames/old/f")).isEqualTo(legacy);
    }

    /** Where {@code pattern} starts in {@code data}, or -1 (Latin-1 maps each byte to one char). */
    private static int indexOf(byte[] data, byte[] pattern) {
        return new String(data, StandardCharsets.ISO_8859_1).indexOf(new String(pattern, StandardCharsets.ISO_8859_1));
    }
}
