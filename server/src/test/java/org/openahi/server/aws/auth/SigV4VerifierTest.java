package org.openahi.server.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.RawRequest;
import org.openahi.server.http.SpooledBody;

/** Known-answer tests from AWS's published SigV4 test suite (the "get-vanilla" family). */
class SigV4VerifierTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Clock SIGNING_TIME = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    private final SigV4Verifier verifier =
            new SigV4Verifier(new AccessKeys(Map.of("AKIDEXAMPLE", SECRET)), "us-east-1", "service", SIGNING_TIME);

    private static RawRequest request(String rawQuery, String signature) {
        Map<String, List<String>> headers = Map.of(
                "host", List.of("example.amazonaws.com"),
                "x-amz-date", List.of("20150830T123600Z"),
                "authorization",
                        List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                                + "SignedHeaders=host;x-amz-date, Signature=" + signature));
        return new RawRequest("GET", "/", rawQuery, headers::get, new byte[0]);
    }

    @Test
    void getVanillaVerifies() {
        assertThat(verifier.verify(request(null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")))
                .isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void queryParametersAreSortedBeforeSigning() {
        assertThat(verifier.verify(request(
                        "Param2=value2&Param1=value1",
                        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")))
                .isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void aSingleChangedCharacterFailsWithTheCanonicalRequestInTheMessage() {
        assertThatThrownBy(() -> verifier.verify(
                        request(null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf30")))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.type()).isEqualTo("InvalidSignatureException");
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage())
                            .contains(
                                    "'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                                            + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'");
                });
    }

    /** AWS's published S3 example of a presigned URL (GET /test.txt, valid 86400 s from 20130524T000000Z). */
    @Test
    void awssPresignedUrlExampleVerifiesAndExpires() {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1"
                + "%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        Map<String, List<String>> headers = Map.of("host", List.of("examplebucket.s3.amazonaws.com"));
        RawRequest request = new RawRequest("GET", "/test.txt", query, headers::get, new byte[0]);
        assertThat(s3Verifier(Instant.parse("2013-05-24T12:00:00Z")).verify(request))
                .isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThatThrownBy(
                        () -> s3Verifier(Instant.parse("2013-05-25T00:00:01Z")).verify(request))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.type()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).startsWith("Request has expired");
                });
        RawRequest put = new RawRequest("PUT", "/test.txt", query, headers::get, new byte[0]);
        assertThatThrownBy(
                        () -> s3Verifier(Instant.parse("2013-05-24T12:00:00Z")).verify(put))
                .hasMessageContaining("only for GET and HEAD requests");
    }

    /** AWS's published S3 example of a payload signed in chunks (66,560 bytes of 'a' in chunks of 64 KiB and 1 KiB). */
    @Test
    void awssChunkSignatureExampleDecodesAndATamperedChunkDoesNot() throws Exception {
        Map<String, List<String>> headers = Map.of(
                "host", List.of("s3.amazonaws.com"),
                "x-amz-date", List.of("20130524T000000Z"),
                "x-amz-storage-class", List.of("REDUCED_REDUNDANCY"),
                "content-encoding", List.of("aws-chunked"),
                "content-length", List.of("66824"),
                "x-amz-decoded-content-length", List.of("66560"),
                "x-amz-content-sha256", List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
                "authorization",
                        List.of("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                                + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                                + "x-amz-decoded-content-length;x-amz-storage-class,"
                                + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));
        RawRequest request = new RawRequest("PUT", "/examplebucket/chunkObject.txt", null, headers::get, new byte[0]);
        ChunkSignatures chunks = s3Verifier(Instant.parse("2013-05-24T00:00:00Z"))
                .chunkSignatures(request)
                .orElseThrow();
        byte[] framed = framed(
                "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
        assertThat(framed).hasSize(66824);
        byte[] decoded = chunks.decode(new java.io.ByteArrayInputStream(framed)).readAllBytes();
        assertThat(decoded).hasSize(66560).containsOnly((byte) 'a');
        framed[framed.length / 2] = 'b';
        assertThatThrownBy(() ->
                        chunks.decode(new java.io.ByteArrayInputStream(framed)).readAllBytes())
                .hasMessageContaining("chunk signature of chunk 1 does not match");
    }

    @Test
    void onlyASignatureOverThePayloadNeedsItsHash() {
        assertThat(SigV4Verifier.needsPayloadHash(headers(Map.of("authorization", "Bearer token"))))
                .isFalse();
        assertThat(SigV4Verifier.needsPayloadHash(headers(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD"))))
                .isFalse();
        assertThat(SigV4Verifier.needsPayloadHash(
                        headers(Map.of("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"))))
                .isFalse();
        assertThat(SigV4Verifier.needsPayloadHash(headers(Map.of("x-amz-content-sha256", "ab12"))))
                .isTrue();
        assertThat(SigV4Verifier.needsPayloadHash(headers(Map.of()))).isTrue();
    }

    @Test
    void aBodySpooledWithoutItsHashIsHashedFromWhereItIsKept(@TempDir Path dir) throws IOException {
        byte[] body = "a spooled STOW-RS body".getBytes(StandardCharsets.US_ASCII);
        URI uri = URI.create("http://example.amazonaws.com/studies");
        Map<String, String> signed = new SigV4Signer("AKIDEXAMPLE", SECRET, "us-east-1", "service", SIGNING_TIME)
                .sign("POST", uri, Map.of(), body);
        Map<String, String> all = new java.util.HashMap<>(signed);
        all.put("host", uri.getRawAuthority());
        Path file = Files.write(dir.resolve("body"), body);
        try (SpooledBody spooled = SpooledBody.onDisk(file, body.length, Optional.empty())) {
            assertThat(verifier.verify(spooled(all, spooled))).isEqualTo("AKIDEXAMPLE");
        }
        byte[] other = "a spooled STOW-RS bodY".getBytes(StandardCharsets.US_ASCII);
        try (SpooledBody spooled = SpooledBody.inMemory(other, other.length, Optional.empty(), () -> {})) {
            assertThatThrownBy(() -> verifier.verify(spooled(all, spooled)))
                    .isInstanceOf(HttpError.class)
                    .hasMessageContaining("x-amz-content-sha256");
        }
    }

    private static RawRequest spooled(Map<String, String> headers, SpooledBody body) {
        return new RawRequest(
                "POST", "/studies", null, headers(headers).headerValues(), new byte[0], Optional.of(body));
    }

    private static RawRequest headers(Map<String, String> values) {
        Map<String, List<String>> lower = new java.util.HashMap<>();
        values.forEach((name, value) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value)));
        return new RawRequest("POST", "/studies", null, lower::get, new byte[0]);
    }

    private static SigV4Verifier s3Verifier(Instant now) {
        return new SigV4Verifier(
                new AccessKeys(Map.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                "us-east-1",
                "s3",
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static byte[] framed(String first, String second, String last) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String[] chunk : new String[][] {{"10000", first, "65536"}, {"400", second, "1024"}, {"0", last, "0"}}) {
            out.writeBytes((chunk[0] + ";chunk-signature=" + chunk[1] + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] data = new byte[Integer.parseInt(chunk[2])];
            java.util.Arrays.fill(data, (byte) 'a');
            out.writeBytes(data);
            out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
