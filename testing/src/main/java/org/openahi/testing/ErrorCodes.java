package org.openahi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * For the codecs whose exceptions carry a numeric code ({@code new XException(0x0123, ...)}): each place that throws
 * has its own code, so a code quoted in a bug report points at one check.
 */
public final class ErrorCodes {
    private ErrorCodes() {}

    /** Checks the module's {@code src/main/java}; returns how many throw sites it found. */
    public static int assertEveryThrowSiteHasItsOwnCode(String exceptionSimpleName) {
        Pattern site = Pattern.compile("new " + Pattern.quote(exceptionSimpleName) + "\\(\\s*(0x[0-9A-Fa-f]{4})");
        Map<Integer, String> seen = new HashMap<>();
        int sites = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = site.matcher(Files.readString(file));
                while (m.find()) {
                    int code = Integer.decode(m.group(1));
                    String previous = seen.put(code, file.getFileName().toString());
                    assertThat(previous)
                            .as("code 0x%04X used in %s and %s", code, previous, file.getFileName())
                            .isNull();
                    sites++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sites;
    }
}
