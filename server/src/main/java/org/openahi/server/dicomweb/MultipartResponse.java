package org.openahi.server.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.openahi.server.aws.protocol.StreamingPayload;
import org.openahi.server.aws.protocol.WireResponse;

/**
 * A multipart/related response (RFC 2387, PS3.18 §8.7.3) streamed part by part: each part is opened only when
 * the previous one has been sent, so a series of any size is never held in memory.
 */
final class MultipartResponse {

  /** One body part: its Content-Type header value and its content, opened when it is reached. */
  record Part(String contentType, Opener content) {
  }

  @FunctionalInterface
  interface Opener {
    InputStream open() throws IOException;
  }

  private MultipartResponse() {
  }

  /**
   * @param type the root media type of the parts (the {@code type} parameter of the response's Content-Type)
   * @param transferSyntax the transfer syntax every part shares, or null
   * @param parts each opened when it is reached; an IOException while opening one ends the stream with that error
   */
  static WireResponse of(String type, String transferSyntax, List<Part> parts) {
    String boundary = UUID.randomUUID().toString();
    String contentType = "multipart/related; type=\"" + type + "\"; boundary=" + boundary
        + (transferSyntax == null ? "" : "; transfer-syntax=" + transferSyntax);
    InputStream body = new SequenceInputStream(new PartStreams(boundary, parts.iterator()));
    return WireResponse.streamed(Map.of("Content-Type", contentType), new StreamingPayload(body, -1));
  }

  /** Alternates delimiter-and-headers streams with part contents, then the closing delimiter. */
  private static final class PartStreams implements Enumeration<InputStream> {
    private final String boundary;
    private final Iterator<Part> parts;
    private Part pending;
    private boolean closed;

    PartStreams(String boundary, Iterator<Part> parts) {
      this.boundary = boundary;
      this.parts = parts;
    }

    @Override
    public boolean hasMoreElements() {
      return !closed;
    }

    @Override
    public InputStream nextElement() {
      if (closed) {
        throw new NoSuchElementException();
      }
      if (pending != null) {
        Part part = pending;
        pending = null;
        try {
          return part.content().open();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (parts.hasNext()) {
        pending = parts.next();
        return ascii("\r\n--" + boundary + "\r\nContent-Type: " + pending.contentType() + "\r\n\r\n");
      }
      closed = true;
      return ascii("\r\n--" + boundary + "--\r\n");
    }

    private static InputStream ascii(String text) {
      return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
  }
}
