package org.openahi.jpegls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each place that throws a {@link JpegLsException} has its own code, so a quoted code points at one check. */
class ErrorCodesTest {

  private static final Pattern SITE = Pattern.compile("new JpegLsException\\((0x[0-9A-Fa-f]{4})");

  @Test
  void everyThrowSiteHasItsOwnCode() throws IOException {
    Map<Integer, String> seen = new HashMap<>();
    int sites = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = SITE.matcher(Files.readString(file));
        while (m.find()) {
          int code = Integer.decode(m.group(1));
          String previous = seen.put(code, file.getFileName().toString());
          assertThat(previous).as("code 0x%04X used in %s and %s", code, previous, file.getFileName()).isNull();
          sites++;
        }
      }
    }
    assertThat(sites).isGreaterThan(40);
  }
}
