package org.openahi.server.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openahi.server.aws.protocol.AwsError;

/** Known-answer tests from AWS's published SigV4 test suite (the "get-vanilla" family). */
class SigV4VerifierTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Clock SIGNING_TIME = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
  private final SigV4Verifier verifier = new SigV4Verifier(new AccessKeys(Map.of("AKIDEXAMPLE", SECRET)), "us-east-1",
      "service", SIGNING_TIME);

  private static SignedRequest request(String rawQuery, String signature) {
    Map<String, List<String>> headers = Map.of(
        "host", List.of("example.amazonaws.com"),
        "x-amz-date", List.of("20150830T123600Z"),
        "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + signature));
    return new SignedRequest("GET", "/", rawQuery, headers::get, new byte[0]);
  }

  @Test
  void getVanillaVerifies() {
    assertThat(verifier.verify(request(null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")))
        .isEqualTo("AKIDEXAMPLE");
  }

  @Test
  void queryParametersAreSortedBeforeSigning() {
    assertThat(verifier.verify(request("Param2=value2&Param1=value1",
        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"))).isEqualTo("AKIDEXAMPLE");
  }

  @Test
  void aSingleChangedCharacterFailsWithTheCanonicalRequestInTheMessage() {
    assertThatThrownBy(() -> verifier.verify(request(null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf30")))
        .isInstanceOfSatisfying(AwsError.class, e -> {
          assertThat(e.type()).isEqualTo("InvalidSignatureException");
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.getMessage()).contains("'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
              + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'");
        });
  }
}
