package org.openahi.core.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Blob reads that fail instead of ending early: exact lengths and whole gzip members. */
class WholeBlobStreamsTest {

    @Test
    void aBlobOfItsStoredLengthReadsAsItIs() throws IOException {
        byte[] blob = "frame".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = new ExactLengthInputStream(new ByteArrayInputStream(blob), 5, "frame f1")) {
            assertThat(in.readAllBytes()).isEqualTo(blob);
        }
        try (InputStream in = new ExactLengthInputStream(new ByteArrayInputStream(blob), 5, "frame f1")) {
            assertThat(in.readNBytes(2)).isEqualTo("fr".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readAllBytes()).isEqualTo("ame".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void aShorterOrLongerBlobFailsNamingIt() {
        byte[] blob = "frame".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(
                        () -> new ExactLengthInputStream(new ByteArrayInputStream(blob), 6, "frame f1").readAllBytes())
                .isInstanceOf(IOException.class)
                .hasMessage("frame f1 ends after 5 bytes; it was stored with 6");
        assertThatThrownBy(
                        () -> new ExactLengthInputStream(new ByteArrayInputStream(blob), 4, "frame f1").readAllBytes())
                .isInstanceOf(IOException.class)
                .hasMessage("frame f1 has more than the 4 bytes it was stored with");
    }

    @Test
    void aWholeGzipBlobPassesUnchanged() throws IOException {
        byte[] gzip = gzip(document());
        try (InputStream in = new WholeGzipInputStream(new ByteArrayInputStream(gzip), "document d")) {
            assertThat(in.readAllBytes()).isEqualTo(gzip);
        }
    }

    @Test
    void aGzipBlobCutShortAnywhereFailsAtItsEnd() throws IOException {
        byte[] gzip = gzip(document());
        for (int length :
                new int[] {0, 5, 10, 11, gzip.length / 2, gzip.length - 9, gzip.length - 8, gzip.length - 1}) {
            byte[] cut = Arrays.copyOf(gzip, length);
            assertThatThrownBy(
                            () -> new WholeGzipInputStream(new ByteArrayInputStream(cut), "document d").readAllBytes())
                    .as("cut to %d of %d bytes", length, gzip.length)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("document d ");
        }
    }

    @Test
    void aDamagedOrExtendedGzipBlobFails() throws IOException {
        byte[] gzip = gzip(document());
        byte[] damagedCrc = gzip.clone();
        damagedCrc[gzip.length - 6] ^= 1;
        assertThatThrownBy(() -> new WholeGzipInputStream(new ByteArrayInputStream(damagedCrc), "d").readAllBytes())
                .hasMessage("d fails its gzip CRC-32 or size check");
        byte[] extended = Arrays.copyOf(gzip, gzip.length + 1);
        assertThatThrownBy(() -> new WholeGzipInputStream(new ByteArrayInputStream(extended), "d").readAllBytes())
                .hasMessage("d has bytes after its gzip trailer");
    }

    private static byte[] document() {
        byte[] json = new byte[200_000];
        Random random = new Random(12);
        for (int i = 0; i < json.length; i++) {
            json[i] = (byte) ('a' + random.nextInt(6));
        }
        return json;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
