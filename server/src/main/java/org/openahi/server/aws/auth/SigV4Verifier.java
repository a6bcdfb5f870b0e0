package org.openahi.server.aws.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openahi.core.store.Sha256;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.Percent;
import org.openahi.server.http.RawRequest;
import org.openahi.server.http.SpooledBody;

/**
 * Verifies AWS Signature Version 4 request signatures (the {@code Authorization} header form) for one
 * signing name and region, against the Host header and raw path exactly as they arrived. Rejections are
 * 403s with the error types and wording AWS uses, including the canonical request and string-to-sign
 * when the signature does not match.
 */
public final class SigV4Verifier {
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String TERMINATOR = "aws4_request";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_CACHED_KEYS = 256;

    private final AccessKeys accessKeys;
    private final String region;
    private final String service;
    private final Clock clock;
    private final Map<String, byte[]> signingKeys = new ConcurrentHashMap<>();

    public SigV4Verifier(AccessKeys accessKeys, String region, String service, Clock clock) {
        this.accessKeys = accessKeys;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    /**
     * The access key id of the caller whose signature verified, from the Authorization header or, for a presigned URL,
     * the query string ({@link PresignedUrl}); an {@link HttpError} otherwise.
     */
    public String verify(RawRequest request) {
        Signed signed = checkHeaders(request);
        String payloadHash = payloadHash(request);
        try {
            checkSignature(request, signed, payloadHash);
        } catch (HttpError mismatch) {
            // Presigners differ: most sign the body's hash, S3's UNSIGNED-PAYLOAD when nothing is declared.
            if (!signed.presigned() || request.header("x-amz-content-sha256") != null) {
                throw mismatch;
            }
            try {
                checkSignature(request, signed, UNSIGNED_PAYLOAD);
            } catch (HttpError unsignedMismatch) {
                throw mismatch;
            }
        }
        return signed.signature().accessKeyId();
    }

    /**
     * For a body sent as {@code aws-chunked} with chunk signatures ({@code X-Amz-Content-SHA256:
     * STREAMING-AWS4-HMAC-SHA256-PAYLOAD}): checks the headers and the seed signature before a byte of the body is
     * read, and returns what verifies each chunk as it arrives; empty for any other payload. An {@link HttpError} when
     * the headers or the seed signature are wrong, or the streaming form is one this server does not take.
     */
    public Optional<ChunkSignatures> chunkSignatures(RawRequest headers) {
        String declared = headers.header("x-amz-content-sha256");
        if (declared == null || !declared.startsWith("STREAMING-")) {
            return Optional.empty();
        }
        refuseUnsupportedStreaming(declared);
        Signed signed = checkHeaders(headers);
        checkSignature(headers, signed, declared);
        return Optional.of(new ChunkSignatures(
                signingKey(signed.signature(), signed.secret()),
                signed.amzDate(),
                signed.signature().scope(),
                signed.signature().signature()));
    }

    /**
     * Checks, before a body is read, all that does not need it: the signature's parts are there and well formed, name
     * a known key, and their date, scope and signed headers are right; and, when X-Amz-Content-SHA256 declares the
     * body's hash, UNSIGNED-PAYLOAD or a streaming payload, the signature itself (a streaming payload's seed
     * signature). The body must then match the declared hash, which {@link #verify} checks once it has been read. An
     * {@link HttpError} when anything is wrong.
     */
    public void verifyHeaders(RawRequest request) {
        Signed signed = checkHeaders(request);
        String declared = request.header("x-amz-content-sha256");
        if (declared != null) {
            if (declared.startsWith("STREAMING-")) {
                refuseUnsupportedStreaming(declared);
            }
            checkSignature(request, signed, declared);
        }
    }

    /** A request whose signature parts were found and whose key, date and scope are right, with its key's secret. */
    private record Signed(AuthorizationHeader signature, String amzDate, String secret, boolean presigned) {}

    private Signed checkHeaders(RawRequest request) {
        String header = request.header("authorization");
        Optional<PresignedUrl> presigned = header == null ? PresignedUrl.of(request) : Optional.empty();
        if (presigned.isPresent()) {
            return checkPresigned(request, presigned.get());
        }
        if (header == null || header.isBlank()) {
            throw SigV4Errors.missingToken();
        }
        AuthorizationHeader authorization = AuthorizationHeader.parse(header);
        String amzDate = requestDate(request, header);
        String secret = checkCredential(authorization, amzDate, request.header("x-amz-security-token"));
        checkSkew(amzDate);
        return new Signed(authorization, amzDate, secret, false);
    }

    private Signed checkPresigned(RawRequest request, PresignedUrl url) {
        if (!url.methodAllowed(request.method())) {
            throw SigV4Errors.incomplete(PresignedUrl.METHOD_REFUSED.formatted(request.method()));
        }
        String secret = checkCredential(
                url.signature(), url.amzDate(), url.securityToken().orElse(null));
        Instant signedAt = parseAmzDate(url.amzDate());
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw SigV4Errors.invalidSignature("Signature not yet current: " + url.amzDate() + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        Instant expires = signedAt.plusSeconds(url.expiresSeconds());
        if (now.isAfter(expires)) {
            throw SigV4Errors.accessDenied(
                    "Request has expired: signed at " + url.amzDate() + " for " + url.expiresSeconds()
                            + " seconds (X-Amz-Expires), so valid until " + AMZ_DATE.format(expires) + "; it is now "
                            + AMZ_DATE.format(now) + ".");
        }
        return new Signed(url.signature(), url.amzDate(), secret, true);
    }

    /** Checks the credential's terminator, key, session token and scope; the key's secret. */
    private String checkCredential(AuthorizationHeader signature, String amzDate, String securityToken) {
        if (!TERMINATOR.equals(signature.terminator())) {
            throw SigV4Errors.incomplete("Credential should be scoped with a valid terminator: '" + TERMINATOR
                    + "', not '" + signature.terminator() + "'.");
        }
        String secret = accessKeys.secretFor(signature.accessKeyId()).orElseThrow(SigV4Errors::unrecognizedClient);
        if (securityToken != null) {
            // This server issues no temporary credentials, so no session token can be valid here.
            throw SigV4Errors.unrecognizedClient();
        }
        checkScope(signature, amzDate);
        if (!signature.signedHeaders().contains("host")) {
            throw SigV4Errors.incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return secret;
    }

    private void checkSignature(RawRequest request, Signed signed, String payloadHash) {
        AuthorizationHeader authorization = signed.signature();
        String canonicalRequest =
                canonicalRequest(request, authorization.signedHeaders(), payloadHash, signed.presigned());
        String stringToSign = AuthorizationHeader.ALGORITHM + "\n" + signed.amzDate() + "\n" + authorization.scope()
                + "\n" + HexFormat.of().formatHex(Sha256.of(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = HexFormat.of()
                .formatHex(hmac(signingKey(authorization, signed.secret()), stringToSign))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw SigV4Errors.invalidSignature("The request signature we calculated does not match the signature you "
                    + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
                    + "for details." + missingSignedHeaders(request, authorization.signedHeaders())
                    + "\n\nThe Canonical String for this request should have been\n'" + canonicalRequest
                    + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
    }

    /** The request time in SigV4's basic ISO-8601 form, from X-Amz-Date or else the Date header. */
    private static String requestDate(RawRequest request, String header) {
        String amzDate = request.header("x-amz-date");
        if (amzDate != null) {
            if (parseAmzDate(amzDate) == null) {
                throw SigV4Errors.incomplete(
                        "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\", got '" + amzDate
                                + "'");
            }
            return amzDate;
        }
        String date = request.header("date");
        if (date == null) {
            throw SigV4Errors.incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a "
                    + "'Date' header. Authorization=" + header);
        }
        try {
            return AMZ_DATE.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            throw SigV4Errors.incomplete("The Date header must be an RFC 1123 date, got '" + date + "'");
        }
    }

    private void checkScope(AuthorizationHeader authorization, String amzDate) {
        if (!amzDate.startsWith(authorization.date()) || authorization.date().length() != 8) {
            throw SigV4Errors.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
                    + "of date from HTTP: '" + authorization.date() + "' != '" + amzDate.substring(0, 8) + "', from '"
                    + amzDate + "'.");
        }
        if (!region.equals(authorization.region())) {
            throw SigV4Errors.invalidSignature("Credential should be scoped to a valid region, not '"
                    + authorization.region() + "'. This server's region is '" + region + "'.");
        }
        if (!service.equals(authorization.service())) {
            throw SigV4Errors.invalidSignature("Credential should be scoped to correct service: '" + service + "'.");
        }
    }

    private void checkSkew(String amzDate) {
        Instant signedAt = parseAmzDate(amzDate);
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw SigV4Errors.invalidSignature("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw SigV4Errors.invalidSignature("Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
    }

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'} without a formatter (this runs on every request); null if malformed. */
    static Instant parseAmzDate(String text) {
        if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            return null;
        }
        try {
            return java.time.LocalDateTime.of(
                            digits(text, 0, 4),
                            digits(text, 4, 6),
                            digits(text, 6, 8),
                            digits(text, 9, 11),
                            digits(text, 11, 13),
                            digits(text, 13, 15))
                    .toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The payload hash the signature covers. The body's SHA-256, checked against X-Amz-Content-SHA256 when the client
     * sent one; UNSIGNED-PAYLOAD as declared; for
     * STREAMING-AWS4-HMAC-SHA256-PAYLOAD the declaration itself: an aws-chunked body had each chunk's signature checked
     * as it was read ({@link ChunkSignatures}), a body sent whole (as AHI's curl example sends it) is covered by the seed
     * signature only, like UNSIGNED-PAYLOAD, and must have the length X-Amz-Decoded-Content-Length declares.
     */
    private static String payloadHash(RawRequest request) {
        String declared = request.header("x-amz-content-sha256");
        if (UNSIGNED_PAYLOAD.equals(declared)) {
            return UNSIGNED_PAYLOAD;
        }
        long size = request.spooled().map(SpooledBody::size).orElse((long) request.body().length);
        if (declared != null && declared.startsWith("STREAMING-")) {
            refuseUnsupportedStreaming(declared);
            String decodedLength = request.header("x-amz-decoded-content-length");
            if (decodedLength != null && !decodedLength.equals(Long.toString(size))) {
                throw SigV4Errors.incomplete("X-Amz-Decoded-Content-Length is " + decodedLength
                        + " but the payload holds " + size + " bytes");
            }
            return declared;
        }
        String actual = request.spooled()
                .map(SigV4Verifier::sha256Hex)
                .orElseGet(() -> HexFormat.of().formatHex(Sha256.of(request.body())));
        if (declared != null && !declared.equalsIgnoreCase(actual)) {
            throw SigV4Errors.invalidSignature("The provided 'x-amz-content-sha256' header does not match what was "
                    + "computed. Computed: '" + actual + "'");
        }
        return declared != null ? declared : actual;
    }

    /**
     * Whether checking the request's signature needs the SHA-256 of its body: not for a bearer token, an unsigned
     * payload or a streaming one (whose chunks carry their own signatures).
     */
    public static boolean needsPayloadHash(RawRequest headers) {
        String authorization = headers.header("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String declared = headers.header("x-amz-content-sha256");
        return declared == null || !(UNSIGNED_PAYLOAD.equals(declared) || declared.startsWith("STREAMING-"));
    }

    private static String sha256Hex(SpooledBody body) {
        return body.sha256Hex().orElseGet(() -> {
            try (InputStream in = body.open()) {
                MessageDigest digest = Sha256.newDigest();
                byte[] buffer = new byte[64 * 1024];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Refuses the streaming payload forms other than chunk signatures with HMAC-SHA256 and no trailer, naming it. */
    private static void refuseUnsupportedStreaming(String declared) {
        if (!ChunkSignatures.STREAMING_PAYLOAD.equals(declared)) {
            throw SigV4Errors.incomplete("X-Amz-Content-SHA256 '" + declared + "' is not supported: send "
                    + ChunkSignatures.STREAMING_PAYLOAD
                    + " (aws-chunked with chunk signatures, no trailer), UNSIGNED-PAYLOAD, "
                    + "or the body's SHA-256");
        }
    }

    static String canonicalRequest(
            RawRequest request, List<String> signedHeaders, String payloadHash, boolean presigned) {
        StringBuilder canonical = new StringBuilder(512);
        canonical.append(request.method()).append('\n');
        String path = request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
        Percent.encode(path, true, canonical);
        canonical.append('\n');
        // A presigned URL's signature is in its query, which it cannot sign.
        CanonicalQuery.append(request.rawQuery(), presigned ? PresignedUrl.SIGNATURE : null, canonical);
        canonical.append('\n');
        for (String name : signedHeaders) {
            canonical.append(name).append(':');
            List<String> values = request.headerValues().apply(name);
            if (values != null) {
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        canonical.append(',');
                    }
                    appendTrimmed(values.get(i), canonical);
                }
            }
            canonical.append('\n');
        }
        canonical
                .append('\n')
                .append(String.join(";", signedHeaders))
                .append('\n')
                .append(payloadHash);
        return canonical.toString();
    }

    /** Appends a header value with leading and trailing blanks removed and inner runs of spaces collapsed. */
    private static void appendTrimmed(String value, StringBuilder out) {
        String trimmed = value.strip();
        boolean previousSpace = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean space = c == ' ';
            if (!(space && previousSpace)) {
                out.append(c);
            }
            previousSpace = space;
        }
    }

    private static String missingSignedHeaders(RawRequest request, List<String> signedHeaders) {
        List<String> missing = signedHeaders.stream()
                .filter(name -> request.headerValues().apply(name) == null
                        || request.headerValues().apply(name).isEmpty())
                .toList();
        return missing.isEmpty() ? "" : " Signed headers absent from the request: " + String.join(", ", missing) + ".";
    }

    private byte[] signingKey(AuthorizationHeader authorization, String secret) {
        // The secret is part of the key: an access file read again may have changed it.
        String cacheKey = authorization.accessKeyId() + "/" + authorization.date() + "/" + authorization.region() + "/"
                + authorization.service() + "/" + secret;
        byte[] cached = signingKeys.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), authorization.date());
        key = hmac(key, authorization.region());
        key = hmac(key, authorization.service());
        key = hmac(key, TERMINATOR);
        if (signingKeys.size() >= MAX_CACHED_KEYS) {
            signingKeys.clear();
        }
        signingKeys.put(cacheKey, key);
        return key;
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
