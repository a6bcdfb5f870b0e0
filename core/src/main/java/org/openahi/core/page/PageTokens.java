package org.openahi.core.page;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openahi.core.error.InvalidRequest;

/**
 * Opaque, tamper-evident pagination tokens. A token carries a cursor and an HMAC over the cursor and the
 * token's scope (the operation and its filters), so a forged, truncated or foreign token is refused
 * instead of silently listing the wrong rows.
 *
 * <p>Format: {@code base64url(version || cursor) "." base64url(truncated HMAC-SHA256)}.
 */
public final class PageTokens {
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public PageTokens(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String issue(String scope, byte[] cursor) {
        byte[] body =
                ByteBuffer.allocate(1 + cursor.length).put(VERSION).put(cursor).array();
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(scope, body));
    }

    /** The cursor of a token issued for {@code scope}; {@link InvalidRequest} for anything else. */
    public byte[] open(String scope, String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw invalid();
        }
        byte[] body;
        byte[] mac;
        try {
            body = DECODER.decode(token.substring(0, dot));
            mac = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (body.length < 1 || body[0] != VERSION || !MessageDigest.isEqual(mac, mac(scope, body))) {
            throw invalid();
        }
        return Arrays.copyOfRange(body, 1, body.length);
    }

    /** The cursor a client's nextToken carries, checked to belong to {@code scope}. */
    public Optional<Cursor> cursor(String scope, Optional<String> nextToken) {
        return nextToken.map(token -> Cursor.fromBytes(open(scope, token)));
    }

    /**
     * A page of {@code maxResults} from rows fetched with a limit of {@code maxResults + 1}: the extra row, when
     * there is one, only says a next page exists, whose token is the cursor of the page's last row.
     */
    public <T> Page<T> page(List<T> rows, int maxResults, String scope, Function<T, Cursor> cursorOf) {
        if (rows.size() <= maxResults) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> page = rows.subList(0, maxResults);
        return new Page<>(
                page,
                Optional.of(
                        issue(scope, cursorOf.apply(page.get(maxResults - 1)).toBytes())));
    }

    private byte[] mac(String scope, byte[] body) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(scope.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return Arrays.copyOf(hmac.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static InvalidRequest invalid() {
        return new InvalidRequest("Invalid nextToken: it was not issued by this server for this request");
    }
}
