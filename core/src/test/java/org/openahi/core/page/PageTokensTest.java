package org.openahi.core.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.openahi.core.error.InvalidRequest;

class PageTokensTest {
    private final PageTokens tokens =
            new PageTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aTokenOpensToItsCursorInItsOwnScope() {
        String token = tokens.issue("ListDatastores|*", new byte[] {1, 2, 3});
        assertThat(tokens.open("ListDatastores|*", token)).containsExactly(1, 2, 3);
        assertThat(token).matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void aTokenFromAnotherScopeIsRefused() {
        String token = tokens.issue("ListDatastores|*", new byte[] {1});
        assertThatThrownBy(() -> tokens.open("ListDatastores|ACTIVE", token)).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String foreign = new PageTokens(new byte[32]).issue("s", new byte[] {1});
        assertThatThrownBy(() -> tokens.open("s", foreign)).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void tamperedTruncatedAndGarbageTokensAreRefused() {
        String token = tokens.issue("s", new byte[] {1, 2, 3, 4, 5, 6});
        String body = token.substring(0, token.indexOf('.'));
        byte[] forgedBody = Base64.getUrlDecoder().decode(body);
        forgedBody[2] ^= 1;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(forgedBody)
                + token.substring(token.indexOf('.'));
        for (String bad : new String[] {
            forged, token.substring(0, token.length() - 2), body, "", ".", "a.b", "not base64!.x", token + "A"
        }) {
            assertThatThrownBy(() -> tokens.open("s", bad))
                    .as(bad)
                    .isInstanceOf(InvalidRequest.class)
                    .hasMessageContaining("nextToken");
        }
    }
}
