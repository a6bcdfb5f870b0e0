package org.openahi.server.aws.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openahi.core.store.Sha256;
import org.openahi.server.http.RawRequest;

/**
 * Signs a request as the AWS SDKs do (SigV4 in the Authorization header, the body's SHA-256 signed), for openahi's
 * own commands that call a server ({@code ./openahi export}). The canonical request is the verifier's
 * ({@link SigV4Verifier#canonicalRequest}), so what is signed here is what the server checks.
 */
public final class SigV4Signer {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secret;
    private final String region;
    private final String service;
    private final Clock clock;

    public SigV4Signer(String accessKeyId, String secret, String region, String service, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    /**
     * The headers to send besides {@code headers}: X-Amz-Date, X-Amz-Content-SHA256 and Authorization. The Host header
     * signed is the URI's authority, which HTTP clients send.
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        String amzDate = AMZ_DATE.format(clock.instant());
        String payloadHash = HexFormat.of().formatHex(Sha256.of(body));
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
        signed.put("host", uri.getRawAuthority());
        signed.put("x-amz-date", amzDate);
        signed.put("x-amz-content-sha256", payloadHash);
        List<String> names = new ArrayList<>(signed.keySet());
        RawRequest request = new RawRequest(
                method,
                uri.getRawPath(),
                uri.getRawQuery(),
                name -> Optional.ofNullable(signed.get(name)).map(List::of).orElse(null),
                body,
                Optional.empty());
        String canonical = SigV4Verifier.canonicalRequest(request, names, payloadHash, false);
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = AuthorizationHeader.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + HexFormat.of().formatHex(Sha256.of(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = SigV4Verifier.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        key = SigV4Verifier.hmac(key, region);
        key = SigV4Verifier.hmac(key, service);
        key = SigV4Verifier.hmac(key, "aws4_request");
        String signature = HexFormat.of().formatHex(SigV4Verifier.hmac(key, stringToSign));
        return Map.of(
                "X-Amz-Date",
                amzDate,
                "X-Amz-Content-SHA256",
                payloadHash,
                "Authorization",
                AuthorizationHeader.ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders="
                        + String.join(";", names) + ", Signature=" + signature);
    }
}
