package org.openahi.server.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.server.http.SpooledBody;

class MultipartPartsTest {
    private static final String BOUNDARY = "b0und4ry";
    private static final int CHUNK = MultipartParts.CHUNK_BYTES;

    @TempDir
    Path dir;

    private final List<SpooledBody> opened = new ArrayList<>();

    @Test
    void partsAreFoundWhereverTheDelimiterFallsAgainstTheScanningChunks() throws IOException {
        int checked = 0;
        // Contents sized so the delimiter after the first part starts before, across and after the first chunk's end.
        for (int shift = -20; shift <= 20; shift++) {
            byte[] first = content(CHUNK - 60 + shift, (byte) 'a');
            byte[] second = content(3 * CHUNK / 2, (byte) 'b');
            for (SpooledBody spooled : spooled(body(first, second))) {
                List<MultipartParts.Part> parts = MultipartParts.scan(spooled, BOUNDARY);
                assertThat(parts).hasSize(2);
                assertThat(read(spooled, parts.get(0))).isEqualTo(first);
                assertThat(read(spooled, parts.get(1))).isEqualTo(second);
                assertThat(parts.get(1).contentType()).isEqualTo("application/dicom");
                assertThat(parts.get(1).number()).isEqualTo(2);
                checked++;
            }
        }
        System.out.println(
                "MultipartPartsTest: " + checked + " delimiter positions around the chunk end, in memory and on disk");
    }

    @Test
    void binaryContentFullOfNearMissDelimitersIsKeptWhole() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        // Prefixes of the delimiter cut short by a byte the boundary does not continue with.
        byte[][] near = Stream.of("\r\n--b0und4rZ", "\r\n-Z", "\r\n--b0und4Z", "\r\r\n--b0uZ", "ry\r\n")
                .map(text -> text.getBytes(StandardCharsets.US_ASCII))
                .toArray(byte[][]::new);
        for (int round = 0; round < 20; round++) {
            byte[][] contents = new byte[1 + random.nextInt(5)][];
            for (int c = 0; c < contents.length; c++) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                int size = random.nextInt(round < 10 ? 2_000 : 3 * CHUNK);
                while (content.size() < size) {
                    if (random.nextInt(8) == 0) {
                        content.writeBytes(near[random.nextInt(near.length)]);
                    } else {
                        content.write(random.nextInt(256));
                    }
                }
                contents[c] = content.toByteArray();
            }
            for (SpooledBody spooled : spooled(body(contents))) {
                List<MultipartParts.Part> parts = MultipartParts.scan(spooled, BOUNDARY);
                assertThat(parts).hasSize(contents.length);
                for (int c = 0; c < contents.length; c++) {
                    assertThat(read(spooled, parts.get(c))).isEqualTo(contents[c]);
                }
            }
        }
    }

    @Test
    void aPreambleAndTransportPaddingAreSkippedAndAPartWithoutHeadersIsKept() throws IOException {
        byte[] text = ("preamble\r\n--" + BOUNDARY + "  \r\n\r\nno headers\r\n--" + BOUNDARY + "--\r\nepilogue")
                .getBytes(StandardCharsets.US_ASCII);
        for (SpooledBody spooled : spooled(text)) {
            List<MultipartParts.Part> parts = MultipartParts.scan(spooled, BOUNDARY);
            assertThat(parts).hasSize(1);
            assertThat(parts.get(0).contentType()).isNull();
            assertThat(new String(read(spooled, parts.get(0)), StandardCharsets.US_ASCII))
                    .isEqualTo("no headers");
        }
    }

    @Test
    void malformedBodiesAre400NamingWhatIsWrong() throws IOException {
        for (SpooledBody spooled : spooled("no boundary here".getBytes(StandardCharsets.US_ASCII))) {
            assertThatThrownBy(() -> MultipartParts.scan(spooled, BOUNDARY))
                    .isInstanceOfSatisfying(DicomWebError.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("holds no boundary");
                    });
        }
        byte[] unclosed = ("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\nxyz")
                .getBytes(StandardCharsets.US_ASCII);
        for (SpooledBody spooled : spooled(unclosed)) {
            assertThatThrownBy(() -> MultipartParts.scan(spooled, BOUNDARY))
                    .hasMessageContaining("without its closing boundary");
        }
        byte[] endlessHeaders = ("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\nxyz\r\n--" + BOUNDARY + "--")
                .getBytes(StandardCharsets.US_ASCII);
        for (SpooledBody spooled : spooled(endlessHeaders)) {
            assertThatThrownBy(() -> MultipartParts.scan(spooled, BOUNDARY))
                    .hasMessageContaining("part 1: its headers do not end");
        }
    }

    private static byte[] content(int size, byte fill) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, fill);
        bytes[0] = '\r'; // a CR that does not start a delimiter
        return bytes;
    }

    private static byte[] body(byte[]... contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] content : contents) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The body held both ways a server keeps one, in memory and in a file; closed after the test. */
    private List<SpooledBody> spooled(byte[] body) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "body", ".bin"), body);
        List<SpooledBody> both = List.of(
                SpooledBody.inMemory(body, body.length, Optional.empty(), () -> {}),
                SpooledBody.onDisk(file, body.length, Optional.empty()));
        opened.addAll(both);
        return both;
    }

    @AfterEach
    void close() throws IOException {
        for (SpooledBody body : opened) {
            body.close();
        }
    }

    private static byte[] read(SpooledBody body, MultipartParts.Part part) throws IOException {
        try (InputStream in = body.open(part.offset(), part.length())) {
            return in.readAllBytes();
        }
    }
}
