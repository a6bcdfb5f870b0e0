package org.openahi.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a multipart/related body (RFC 2046) into its parts, independently of the server's writer. */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

  record Part(Map<String, String> headers, byte[] body) {
    String contentType() {
      return headers.get("content-type");
    }
  }

  private Multipart() {
  }

  static List<Part> parse(String contentType, byte[] body) {
    Matcher matcher = BOUNDARY.matcher(contentType);
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
          headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
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
