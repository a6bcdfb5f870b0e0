package org.openahi.server.dicomweb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openahi.server.http.SpooledBody;

/**
 * The parts of a spooled {@code multipart/related} body (RFC 2046 §5.1.1), found by scanning it for the boundary in
 * chunks (a body in a file is never read into memory whole); each part is then read from its byte range
 * ({@link SpooledBody#open(long, long)}). A body without its closing delimiter, or a part whose headers do not end, is
 * a 400 naming the part.
 */
final class MultipartParts {
    /** The delimiter scan reads the spooled body this much at a time (64 KiB: small garbage, few reads). */
    static final int CHUNK_BYTES = 64 * 1024;

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PADDING_BYTES = 1024;

    /** Part {@code number} (1-based): its headers (lower-case names) and its content's byte range in the body. */
    record Part(int number, Map<String, String> headers, long offset, long length) {
        String contentType() {
            return headers.get("content-type");
        }
    }

    private MultipartParts() {}

    static List<Part> scan(SpooledBody body, String boundary) throws IOException {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Long> delimiters = delimiters(body, delimiter);
        if (delimiters.isEmpty()) {
            throw DicomWebError.badRequest("The multipart body holds no boundary '--" + boundary + "'");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; ; i++) {
            long after = delimiters.get(i) + delimiter.length;
            byte[] next = read(body, after, 2);
            if (next.length == 2 && next[0] == '-' && next[1] == '-') {
                return parts;
            }
            if (i + 1 == delimiters.size()) {
                throw DicomWebError.badRequest("The multipart body ends without its closing boundary '--" + boundary
                        + "--' (after part " + (parts.size() + 1) + ")");
            }
            parts.add(part(body, parts.size() + 1, after, delimiters.get(i + 1)));
        }
    }

    /** Positions of every CRLF--boundary; a body that starts with --boundary counts as if a CRLF preceded it. */
    private static List<Long> delimiters(SpooledBody body, byte[] delimiter) throws IOException {
        List<Long> found = new ArrayList<>();
        // Boyer-Moore-Horspool: most positions of binary content are skipped a delimiter's length at a time.
        int[] shifts = new int[256];
        Arrays.fill(shifts, delimiter.length);
        for (int k = 0; k < delimiter.length - 1; k++) {
            shifts[delimiter[k] & 0xFF] = delimiter.length - 1 - k;
        }
        // A body smaller than a chunk (one instance per request) needs no chunk-sized buffer.
        byte[] buffer = new byte[(int) Math.min(CHUNK_BYTES, body.size() + 2) + delimiter.length];
        buffer[0] = '\r';
        buffer[1] = '\n';
        int filled = 2;
        long base = -2;
        long position = 0;
        while (true) {
            int read = body.read(ByteBuffer.wrap(buffer, filled, buffer.length - filled), position);
            if (read > 0) {
                filled += read;
                position += read;
            }
            if (read >= 0 && filled < buffer.length) {
                continue;
            }
            int last = delimiter.length - 1;
            for (int i = 0; i <= filled - delimiter.length; ) {
                if (buffer[i + last] == delimiter[last] && matches(buffer, i, delimiter)) {
                    found.add(base + i);
                    i += delimiter.length;
                } else {
                    i += shifts[buffer[i + last] & 0xFF];
                }
            }
            if (read < 0) {
                return found;
            }
            int keep = delimiter.length - 1;
            System.arraycopy(buffer, filled - keep, buffer, 0, keep);
            base += filled - keep;
            filled = keep;
        }
    }

    private static boolean matches(byte[] buffer, int at, byte[] delimiter) {
        for (int j = 0; j < delimiter.length - 1; j++) {
            if (buffer[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /** The part between the line after a delimiter and the next delimiter: its headers, then its content. */
    private static Part part(SpooledBody body, int number, long afterDelimiter, long end) throws IOException {
        byte[] padding = read(body, afterDelimiter, (int) Math.min(MAX_PADDING_BYTES, end - afterDelimiter));
        int lineEnd = indexOf(padding, "\r\n");
        if (lineEnd < 0 || !new String(padding, 0, lineEnd, StandardCharsets.ISO_8859_1).isBlank()) {
            throw DicomWebError.badRequest("Multipart part " + number + ": the boundary line does not end with CRLF");
        }
        long start = afterDelimiter + lineEnd + 2;
        byte[] head = read(body, start, (int) Math.min(MAX_HEADER_BYTES, end - start));
        int headersEnd = startsWith(head, "\r\n") ? 0 : indexOf(head, "\r\n\r\n");
        if (headersEnd < 0) {
            throw DicomWebError.badRequest("Multipart part " + number + ": its headers do not end with an empty line "
                    + "within " + MAX_HEADER_BYTES + " bytes");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String headerBlock = new String(head, 0, headersEnd, StandardCharsets.ISO_8859_1);
        for (String line : headerBlock.isEmpty() ? new String[0] : headerBlock.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw DicomWebError.badRequest("Multipart part " + number + ": malformed header line '" + line + "'");
            }
            headers.put(
                    line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        long contentStart = start + headersEnd + (headersEnd == 0 ? 2 : 4);
        return new Part(number, Map.copyOf(headers), contentStart, end - contentStart);
    }

    private static byte[] read(SpooledBody body, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
        while (buffer.hasRemaining() && body.read(buffer, position + buffer.position()) > 0) {
            // read until full or end of file
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return indexOf(bytes, prefix) == 0;
    }

    private static int indexOf(byte[] bytes, String text) {
        byte[] target = text.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i <= bytes.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (bytes[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
