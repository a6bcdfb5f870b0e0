package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openahi.testing.Oracles;

/**
 * JPEG 2000 codestreams decoded by OpenJPEG's opj_decompress, the independent decoder the tests compare with: every
 * {@code .j2k} / {@code .jp2} file of a folder in one run, to raw little-endian planes (one or two bytes a sample by
 * the codestream's precision). opj writes a signed sample in its precision's bits only (-2000 at 14 bits is 14384);
 * the samples returned are sign-extended to their container, as a DICOM decoder gives them.
 */
final class OpenJpeg {
    /** One component's line: "Component 0 characteristics: 512x512x14 signed". */
    private static final Pattern COMPONENT =
            Pattern.compile("Component 0 characteristics: \\d+x\\d+x(\\d+) (signed|unsigned)");

    private static final Pattern OUTPUT = Pattern.compile("Generated Outfile (\\S+)");

    /** A decoded codestream: its components one plane after the other, {@code bytes} a sample. */
    record Planes(byte[] samples, int bytes) {}

    private OpenJpeg() {}

    /** Each codestream file of {@code folder} by name (without extension); missing when opj refuses it. */
    static Map<String, Planes> decodeAll(Path folder) throws IOException {
        Oracles.Result result =
                Oracles.run(Oracles.require("opj_decompress"), "-ImgDir", folder.toString(), "-OutFor", "RAWL");
        String output = new String(result.stdout(), StandardCharsets.UTF_8) + result.stderr();
        Map<String, Planes> decoded = new HashMap<>();
        // Each image's characteristics are printed before the line naming its output.
        int from = 0;
        Matcher written = OUTPUT.matcher(output);
        while (written.find()) {
            Matcher component = COMPONENT.matcher(output.substring(from, written.start()));
            assertThat(component.find())
                    .as("opj_decompress's characteristics of " + written.group(1))
                    .isTrue();
            Path raw = Path.of(written.group(1));
            byte[] samples = Files.readAllBytes(raw);
            int precision = Integer.parseInt(component.group(1));
            int bytes = precision > 8 ? 2 : 1;
            if (component.group(2).equals("signed")) {
                signExtend(samples, bytes, precision);
            }
            String name = raw.getFileName().toString();
            decoded.put(name.substring(0, name.lastIndexOf('.')), new Planes(samples, bytes));
            Files.delete(raw);
            from = written.end();
        }
        return decoded;
    }

    private static void signExtend(byte[] samples, int bytes, int precision) {
        for (int i = 0; i < samples.length; i += bytes) {
            long value = 0;
            for (int b = bytes - 1; b >= 0; b--) {
                value = value << 8 | (samples[i + b] & 0xff);
            }
            long extended = value << (64 - precision) >> (64 - precision);
            for (int b = 0; b < bytes; b++) {
                samples[i + b] = (byte) (extended >> (8 * b));
            }
        }
    }
}
