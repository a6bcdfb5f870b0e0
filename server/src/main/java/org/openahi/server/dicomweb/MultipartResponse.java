package org.openahi.server.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openahi.server.http.StreamingPayload;
import org.openahi.server.http.WireResponse;

/**
 * A multipart/related response (RFC 2387, PS3.18 §8.7.3) streamed part by part: each part is opened only when
 * the previous one has been sent, so a series of any size is never held in memory. The first part is opened before
 * the response exists, so a request whose first part cannot be produced is answered with an error status, never a
 * 200; a later part that cannot be produced makes the body fail with an IOException naming the part, on which the
 * front door aborts the connection (the client sees a failed transfer, not a shorter multipart body).
 */
final class MultipartResponse {

    /** One body part: its Content-Type header value, what it is (for errors), and its content, opened when reached. */
    record Part(String contentType, String description, Opener content) {}

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    private MultipartResponse() {}

    /**
     * @param type the root media type of the parts (the {@code type} parameter of the response's Content-Type)
     * @param transferSyntax the transfer syntax every part shares, or null
     * @param parts at least one; the first is opened now (its failure is thrown), the others when reached
     */
    static WireResponse of(String type, String transferSyntax, List<Part> parts) throws IOException {
        String boundary = UUID.randomUUID().toString();
        String contentType = "multipart/related; type=\"" + type + "\"; boundary=" + boundary
                + (transferSyntax == null ? "" : "; transfer-syntax=" + transferSyntax);
        InputStream first = parts.get(0).content().open();
        return WireResponse.streamed(
                Map.of("Content-Type", contentType), new StreamingPayload(new Body(boundary, parts, first), -1));
    }

    /** Delimiter-and-headers, part content, ... , closing delimiter; a part that cannot be opened fails the read. */
    private static final class Body extends InputStream {
        private final String boundary;
        private final List<Part> parts;
        private InputStream current;
        private InputStream firstContent;
        /** The next part to start (its delimiter and headers); parts.size() once the closing delimiter is under way. */
        private int next;

        private boolean inContent;
        private boolean closed;

        Body(String boundary, List<Part> parts, InputStream firstContent) {
            this.boundary = boundary;
            this.parts = parts;
            this.firstContent = firstContent;
            this.current = header(0);
            this.next = 1;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (current != null) {
                int n = current.read(buffer, offset, length);
                if (n >= 0) {
                    return n;
                }
                current.close();
                current = advance();
            }
            return -1;
        }

        /** After a header comes its part's content; after a content, the next header or the closing delimiter. */
        private InputStream advance() throws IOException {
            if (!inContent && !closed) {
                inContent = true;
                int index = next - 1;
                if (index == 0) {
                    InputStream content = firstContent;
                    firstContent = null;
                    return content;
                }
                Part part = parts.get(index);
                try {
                    return part.content().open();
                } catch (IOException | RuntimeException e) {
                    throw new IOException(
                            "Part " + (index + 1) + " of " + parts.size() + " (" + part.description()
                                    + ") cannot be produced: " + e.getMessage(),
                            e);
                }
            }
            inContent = false;
            if (next < parts.size()) {
                return header(next++);
            }
            if (!closed) {
                closed = true;
                return ascii("\r\n--" + boundary + "--\r\n");
            }
            return null;
        }

        private InputStream header(int index) {
            return ascii("\r\n--" + boundary + "\r\nContent-Type: "
                    + parts.get(index).contentType() + "\r\n\r\n");
        }

        @Override
        public void close() throws IOException {
            try {
                if (current != null) {
                    current.close();
                }
            } finally {
                if (firstContent != null) {
                    firstContent.close();
                }
            }
        }

        private static InputStream ascii(String text) {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
