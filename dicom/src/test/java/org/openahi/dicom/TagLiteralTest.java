package org.openahi.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Tag numbers come from the generated dictionary only: no 32-bit hex literal in hand-written main code. */
class TagLiteralTest {

    private static final Pattern TAG_LITERAL = Pattern.compile("0x[0-9A-Fa-f]{8}\\b|Tags\\.of\\(0x");

    @Test
    void noHandTypedTagsOutsideTheGeneratedDictionary() throws Exception {
        Path main = Path.of("src/main/java/org/openahi/dicom");
        Path generated = main.resolve("dict");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                boolean isGenerated =
                        file.startsWith(generated) && Files.readString(file).startsWith("// Generated");
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size() && !isGenerated; i++) {
                    if (TAG_LITERAL.matcher(lines.get(i)).find()) {
                        found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
