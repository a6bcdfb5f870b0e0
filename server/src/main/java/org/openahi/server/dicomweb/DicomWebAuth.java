package org.openahi.server.dicomweb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.openahi.server.aws.auth.SigV4Verifier;
import org.openahi.server.aws.auth.SignedRequest;

/**
 * Authenticates DICOMweb requests: SigV4 (signing name medical-imaging) as AHI does, or, when a bearer token is
 * configured ({@code OPENAHI_DICOMWEB_BEARER_TOKEN}), {@code Authorization: Bearer <token>} for browser viewers
 * that cannot sign. Tokens are compared by their SHA-256 digests with {@link MessageDigest#isEqual}, so the
 * comparison takes the same time whatever the token's length or contents.
 */
public final class DicomWebAuth {
  private static final String BEARER = "Bearer ";

  private final SigV4Verifier sigV4;
  private final Optional<byte[]> bearerDigest;

  public DicomWebAuth(SigV4Verifier sigV4, Optional<String> bearerToken) {
    this.sigV4 = sigV4;
    this.bearerDigest = bearerToken.map(DicomWebAuth::digest);
  }

  /** Returns normally when the request is authenticated; throws the SigV4 or bearer rejection otherwise. */
  public void authenticate(SignedRequest request) {
    if (!bearerChecked(request)) {
      sigV4.verify(request);
    }
  }

  /**
   * Checks before a body is read all that does not need it ({@link SigV4Verifier#verifyHeaders}), a bearer token
   * completely; {@link #authenticate} must still be called once the body is read.
   */
  public void authenticateHeaders(SignedRequest request) {
    if (!bearerChecked(request)) {
      sigV4.verifyHeaders(request);
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
