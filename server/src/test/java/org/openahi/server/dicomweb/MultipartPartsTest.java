package org.openahi.server.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartPartsTest {
    private static final String BOUNDARY = "b0und4ry";
    private static final int CHUNK = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void partsAreFoundWhereverTheDelimiterFallsAgainstTheScanningChunks() throws IOException {
        int checked = 0;
        // Contents sized so the delimiter after the first part starts before, across and after the first chunk's end.
        for (int shift = -20; shift <= 20; shift++) {
            byte[] first = content(CHUNK - 60 + shift, (byte) 'a');
            byte[] second = content(3 * CHUNK / 2, (byte) 'b');
            Path file = write(body(first, second));
            List<MultipartParts.Part> parts = MultipartParts.scan(file, BOUNDARY);
            assertThat(parts).hasSize(2);
            assertThat(read(file, parts.get(0))).isEqualTo(first);
            assertThat(read(file, parts.get(1))).isEqualTo(second);
            assertThat(parts.get(1).contentType()).isEqualTo("application/dicom");
            assertThat(parts.get(1).number()).isEqualTo(2);
            checked++;
        }
        System.out.println("MultipartPartsTest: " + checked + " delimiter positions around the chunk end");
    }

    @Test
    void aPreambleAndTransportPaddingAreSkippedAndAPartWithoutHeadersIsKept() throws IOException {
        byte[] text = ("preamble\r\n--" + BOUNDARY + "  \r\n\r\nno headers\r\n--" + BOUNDARY + "--\r\nepilogue")
                .getBytes(StandardCharsets.US_ASCII);
        Path file = write(text);
        List<MultipartParts.Part> parts = MultipartParts.scan(file, BOUNDARY);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).contentType()).isNull();
        assertThat(new String(read(file, parts.get(0)), StandardCharsets.US_ASCII))
                .isEqualTo("no headers");
    }

    @Test
    void malformedBodiesAre400NamingWhatIsWrong() throws IOException {
        assertThatThrownBy(() ->
                        MultipartParts.scan(write("no boundary here".getBytes(StandardCharsets.US_ASCII)), BOUNDARY))
                .isInstanceOfSatisfying(DicomWebError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("holds no boundary");
                });
        byte[] unclosed = ("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\nxyz")
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> MultipartParts.scan(write(unclosed), BOUNDARY))
                .hasMessageContaining("without its closing boundary");
        byte[] endlessHeaders = ("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\nxyz\r\n--" + BOUNDARY + "--")
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> MultipartParts.scan(write(endlessHeaders), BOUNDARY))
                .hasMessageContaining("part 1: its headers do not end");
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

    private Path write(byte[] body) throws IOException {
        return Files.write(Files.createTempFile(dir, "body", ".bin"), body);
    }

    private static byte[] read(Path file, MultipartParts.Part part) throws IOException {
        try (InputStream in = MultipartParts.open(file, part)) {
            return in.readAllBytes();
        }
    }
}
