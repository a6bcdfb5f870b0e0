package org.openahi.server.aws.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openahi.core.store.Sha256;
import org.openahi.server.http.HttpError;

/**
 * Verifies an {@code aws-chunked} body signed chunk by chunk ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}): each chunk
 * is {@code hex-size;chunk-signature=<64 hex>\r\n<data>\r\n}, the last one empty, and each signature chains from
 * the previous one, starting at the request's seed signature. {@link #decode} streams: a chunk's bytes pass through
 * while they are hashed and its signature is checked when it ends, so a body is never held whole, and the decoded
 * stream ends only after the last chunk's signature verified.
 */
public final class ChunkSignatures {
    public static final String STREAMING_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String SIGNATURE_PREFIX = ";chunk-signature=";
    private static final int MAX_HEADER_BYTES = 128;

    private final byte[] signingKey;
    private final String amzDate;
    private final String scope;
    private final String seedSignature;

    ChunkSignatures(byte[] signingKey, String amzDate, String scope, String seedSignature) {
        this.signingKey = signingKey;
        this.amzDate = amzDate;
        this.scope = scope;
        this.seedSignature = seedSignature;
    }

    /** True when the request says its body is aws-chunked ({@code Content-Encoding: aws-chunked}). */
    public static boolean framed(String contentEncoding) {
        if (contentEncoding == null) {
            return false;
        }
        for (String coding : contentEncoding.split(",")) {
            if (coding.strip().equalsIgnoreCase("aws-chunked")) {
                return true;
            }
        }
        return false;
    }

    /** The chunks' data, in order; reading it throws an {@link HttpError} at the first malformed or forged chunk. */
    public InputStream decode(InputStream framed) {
        return new Decoder(framed);
    }

    private final class Decoder extends InputStream {
        private final InputStream in;
        private final MessageDigest digest = Sha256.newDigest();
        private String previousSignature = seedSignature;
        private String expectedSignature;
        private long remaining;
        private int chunk;
        private boolean done;

        Decoder(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (remaining == 0) {
                if (done) {
                    return -1;
                }
                nextChunk();
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read < 0) {
                throw malformed("the body ends inside chunk " + chunk);
            }
            digest.update(buffer, offset, read);
            remaining -= read;
            if (remaining == 0) {
                expectLineEnd();
                verify();
            }
            return read;
        }

        /** Reads the next chunk's header; the empty last chunk is verified at once. */
        private void nextChunk() throws IOException {
            String header = line();
            int semicolon = header.indexOf(SIGNATURE_PREFIX);
            if (semicolon <= 0 || header.length() - semicolon - SIGNATURE_PREFIX.length() != 64) {
                throw malformed("chunk " + (chunk + 1) + " does not start with <hex size>" + SIGNATURE_PREFIX
                        + "<64 hex digits>: '" + header + "'");
            }
            try {
                remaining = Long.parseLong(header.substring(0, semicolon), 16);
            } catch (NumberFormatException e) {
                throw malformed("chunk " + (chunk + 1) + " has no hexadecimal size: '" + header + "'");
            }
            if (remaining < 0) {
                throw malformed("chunk " + (chunk + 1) + " has a negative size");
            }
            expectedSignature = header.substring(semicolon + SIGNATURE_PREFIX.length());
            chunk++;
            if (remaining == 0) {
                verify();
                expectLineEnd();
                done = true;
                if (in.read() >= 0) {
                    throw malformed("data follows the final (empty) chunk; trailers are not supported");
                }
            }
        }

        private void verify() {
            String stringToSign = CHUNK_ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n"
                    + EMPTY_SHA256 + "\n" + HexFormat.of().formatHex(digest.digest());
            String computed = HexFormat.of().formatHex(hmac(stringToSign));
            if (!MessageDigest.isEqual(
                    computed.getBytes(StandardCharsets.US_ASCII),
                    expectedSignature.getBytes(StandardCharsets.US_ASCII))) {
                throw SigV4Errors.invalidSignature("The chunk signature of chunk " + chunk + " does not match: the "
                        + "String-to-Sign should have been\n'" + stringToSign + "'\n");
            }
            previousSignature = computed;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); ; c = in.read()) {
                if (c < 0) {
                    throw malformed("the body ends before its final (empty) chunk");
                }
                if (c == '\r') {
                    if (in.read() != '\n') {
                        throw malformed("a chunk header is not ended by CRLF");
                    }
                    return line.toString();
                }
                if (line.length() == MAX_HEADER_BYTES) {
                    throw malformed("a chunk header is longer than " + MAX_HEADER_BYTES + " bytes");
                }
                line.append((char) c);
            }
        }

        private void expectLineEnd() throws IOException {
            if (in.read() != '\r' || in.read() != '\n') {
                throw malformed("chunk " + chunk + " is not followed by CRLF (is its size right?)");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static HttpError malformed(String what) {
        return HttpError.serialization("Malformed aws-chunked body: " + what);
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
