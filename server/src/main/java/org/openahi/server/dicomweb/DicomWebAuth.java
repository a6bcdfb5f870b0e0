package org.openahi.server.dicomweb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.openahi.server.aws.auth.SigV4Verifier;
import org.openahi.server.aws.auth.SignedRequest;
import org.openahi.server.browser.Authentication;
import org.openahi.server.browser.BrowserSessions;

/**
 * Authenticates DICOMweb requests: SigV4 (signing name medical-imaging) as AHI does, or, when a bearer token is
 * configured ({@code OPENAHI_DICOMWEB_BEARER_TOKEN}), {@code Authorization: Bearer <token>} for browser viewers
 * that cannot sign. Tokens are compared by their SHA-256 digests with {@link MessageDigest#isEqual}, so the
 * comparison takes the same time whatever the token's length or contents.
 */
public final class DicomWebAuth {
  private static final String BEARER = "Bearer ";
  /** Who the static token's requests are recorded as. */
  static final String STATIC_TOKEN_PRINCIPAL = "openahi:dicomweb-bearer-token";

  private final Authentication auth;
  private final Optional<byte[]> bearerDigest;

  public DicomWebAuth(Authentication auth, Optional<String> bearerToken) {
    this.auth = auth;
    this.bearerDigest = bearerToken.map(DicomWebAuth::digest);
  }

  /**
   * The principal ARN the request is authenticated as (a browser session's, through its header or, for GET and
   * HEAD, its cookie; the static token's; a SigV4 signer's); throws the SigV4 or bearer rejection otherwise.
   */
  public String authenticate(SignedRequest request) {
    if (BrowserSessions.presented(request, true).isPresent()) {
      return auth.principalArn(auth.accessKeyId(request, true));
    }
    if (bearerChecked(request)) {
      return STATIC_TOKEN_PRINCIPAL;
    }
    return auth.principalArn(auth.accessKeyId(request, false));
  }

  /**
   * Checks before a body is read all that does not need it ({@link SigV4Verifier#verifyHeaders}), a bearer token
   * or a session completely; {@link #authenticate} must still be called once the body is read.
   */
  public void authenticateHeaders(SignedRequest request) {
    if (BrowserSessions.presented(request, true).isPresent()) {
      auth.accessKeyId(request, true);
    } else if (!bearerChecked(request)) {
      auth.verifySignedHeaders(request);
    }
  }

  /** True when the request carries a bearer token and that is configured and right; throws when it is wrong. */
  private boolean bearerChecked(SignedRequest request) {
    String authorization = request.header("authorization");
    if (bearerDigest.isEmpty() || authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    byte[] presented = digest(authorization.substring(BEARER.length()).trim());
    if (!MessageDigest.isEqual(presented, bearerDigest.get())) {
      throw new BearerRejected();
    }
    return true;
  }

  /** A bearer token that is not the configured one: 401 with {@code WWW-Authenticate}, as RFC 6750 says. */
  public static final class BearerRejected extends RuntimeException {
    BearerRejected() {
      super("The bearer token is not valid", null, false, false);
    }
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
