package org.openahi.server.aws.auth;

import java.util.List;
import java.util.function.Function;

/**
 * The parts of an HTTP request that SigV4 covers, exactly as they arrived: the raw (encoded) path and
 * query, header values by lower-case name, and the body.
 */
public record SignedRequest(String method, String rawPath, String rawQuery,
                            Function<String, List<String>> headerValues, byte[] body) {

  public String header(String lowerCaseName) {
    List<String> values = headerValues.apply(lowerCaseName);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
