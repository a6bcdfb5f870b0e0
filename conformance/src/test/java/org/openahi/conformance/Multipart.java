package org.openahi.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multipart/related bodies (RFC 2046) as tests write them for STOW-RS, and split into their parts independently of
 * the server's writer.
 */
final class Multipart {
    static final String BOUNDARY = "openahi-test-boundary-5e1d";
    /** The Content-Type of a STOW-RS body made by {@link #dicomParts}. */
    static final String DICOM = "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY;

    private static final Pattern BOUNDARY_PARAMETER = Pattern.compile("boundary=\"?([^\";]+)\"?");

    record Part(Map<String, String> headers, byte[] body) {
        String contentType() {
            return headers.get("content-type");
        }
    }

    private Multipart() {}

    /** A STOW-RS body ({@link #DICOM}): each file an application/dicom part, in order. */
    static byte[] dicomParts(List<Path> files) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            body.writeBytes(part("application/dicom", Files.readAllBytes(file)));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** One part with its delimiter line before it and the line break that ends it. */
    static byte[] part(String contentType, byte[] content) {
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        part.writeBytes(content);
        part.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return part.toByteArray();
    }

    static List<Part> parse(String contentType, byte[] body) {
        Matcher matcher = BOUNDARY_PARAMETER.matcher(contentType);
        if (!matcher.find()) {
            throw new AssertionError("No boundary in " + contentType);
        }
        byte[] delimiter = ("--" + matcher.group(1)).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int afterDelimiter = at + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return parts;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), afterDelimiter);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, afterDelimiter, headersEnd - afterDelimiter, StandardCharsets.US_ASCII)
                    .split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).strip());
                }
            }
            int next = indexOf(body, delimiter, headersEnd + 4);
            if (next < 0) {
                throw new AssertionError("Multipart body has no closing delimiter");
            }
            // The CRLF before a delimiter belongs to the delimiter.
            parts.add(new Part(headers, Arrays.copyOfRange(body, headersEnd + 4, next - 2)));
            at = next;
        }
        throw new AssertionError("Multipart body has no delimiter");
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
