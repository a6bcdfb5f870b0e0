package org.openahi.dicom.json;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.openahi.dicom.DicomParseException;
import org.openahi.testing.Oracles;

/**
 * What DCMTK's {@code dcm2json} (3.6.7, Debian 12) says about each corpus file, kept in
 * {@code src/test/resources/golden/dcm2json.jsonl.gz}: one JSON line per file with the exit status, the first
 * error line, the recipe applied, and the output with every InlineBinary replaced by the SHA-256 and length of
 * its bytes (so the golden stays small). Regenerate with
 * {@code ./mvnw -pl dicom verify -Dit.test=Dcm2JsonCorpusIT -Dopenahi.dicom.writeGolden=true}.
 *
 * <p>Recipes for what dcm2json cannot do, each run on a copy of the file with DCMTK's {@code dcmodify}:
 * <ul>
 *   <li>{@code pixel-data-erased}: it writes no encapsulated Pixel Data ("InlineBinary encoding not supported for
 *       compressed pixel data"); the copy has the top-level (7FE0,0010) erased.</li>
 *   <li>{@code charset-erased}: its iconv cannot convert ISO 2022 IR 87 and some other terms; the copy has
 *       (0008,0005) erased, so text passes unconverted.</li>
 *   <li>{@code charset-iso-ir-100}: it refuses non-ASCII text without Specific Character Set; the copy has
 *       (0008,0005) set to ISO_IR 100.</li>
 * </ul>
 */
final class Dcm2JsonGolden {

    static final Path COMMITTED = Path.of("src/test/resources/golden/dcm2json.jsonl.gz");

    static final String PIXEL_DATA_ERASED = "pixel-data-erased";
    static final String CHARSET_ERASED = "charset-erased";
    static final String CHARSET_ISO_IR_100 = "charset-iso-ir-100";

    /** One file's entry; {@code json} is {@code null} when dcm2json failed on every attempt. */
    record Record(String file, List<String> recipe, int exitCode, String error, Map<String, Object> json) {
        boolean readable() {
            return exitCode == 0;
        }
    }

    private Dcm2JsonGolden() {
    }

    /** Runs dcm2json (and dcmodify when needed) on {@code corpusDir/relative}, working in {@code tempDir}. */
    static Record generate(Path corpusDir, String relative, Path tempDir) throws IOException {
        Path copy = tempDir.resolve(relative.replace('/', '_'));
        List<String> recipe = new ArrayList<>();
        Oracles.Result result = dcm2json(corpusDir.resolve(relative));
        for (int attempt = 0; attempt < 3 && result.exitCode() != 0; attempt++) {
            String err = result.stderr();
            String[] modification;
            if (err.contains("compressed pixel data") && !recipe.contains(PIXEL_DATA_ERASED)) {
                recipe.add(PIXEL_DATA_ERASED);
                modification = new String[] {"-e", "(7fe0,0010)"};
            } else if ((err.contains("character set") || err.contains("character encoding"))
                    && !recipe.contains(CHARSET_ERASED)) {
                recipe.add(CHARSET_ERASED);
                modification = new String[] {"-e", "(0008,0005)"};
            } else if (err.contains("extended characters but no SpecificCharacterSet")
                    && !recipe.contains(CHARSET_ISO_IR_100)) {
                recipe.add(CHARSET_ISO_IR_100);
                modification = new String[] {"-i", "(0008,0005)=ISO_IR 100"};
            } else {
                break;
            }
            if (!Files.exists(copy)) {
                Files.copy(corpusDir.resolve(relative), copy, StandardCopyOption.REPLACE_EXISTING);
                copy.toFile().setWritable(true);
            }
            Oracles.Result modified = Oracles.run("dcmodify", "-nb", modification[0], modification[1], copy.toString());
            if (modified.exitCode() != 0) {
                throw new IllegalStateException("dcmodify failed on " + relative + ": " + modified.stderr());
            }
            result = dcm2json(copy);
        }
        Files.deleteIfExists(copy);
        String error = result.stderr().lines().filter(l -> l.startsWith("E:") || l.startsWith("F:"))
                .findFirst().orElse("").replace(corpusDir + "/", "").replace(copy.toString(), relative);
        if (result.exitCode() != 0) {
            return new Record(relative, recipe, result.exitCode(), error, null);
        }
        // dcm2json writes invalid UTF-8 where it leaves text unconverted; decoding replaces it with U+FFFD
        Object tree = JsonTree.parse(new String(result.stdout(), StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) hashBinaries(tree);
        return new Record(relative, recipe, 0, error, json);
    }

    private static Oracles.Result dcm2json(Path file) {
        return Oracles.run("dcm2json", "-fc", file.toString());
    }

    /** Replaces every {@code InlineBinary} by {@code InlineBinarySha256} and {@code InlineBinaryLength}. */
    static Object hashBinaries(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey().equals("InlineBinary")) {
                    byte[] bytes = Base64.getDecoder().decode((String) e.getValue());
                    out.put("InlineBinarySha256", sha256(bytes));
                    out.put("InlineBinaryLength", new JsonTree.Number(Integer.toString(bytes.length)));
                } else {
                    out.put((String) e.getKey(), hashBinaries(e.getValue()));
                }
            }
            return out;
        }
        if (tree instanceof List<?> list) {
            return list.stream().map(Dcm2JsonGolden::hashBinaries).toList();
        }
        return tree;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Record> load(Path file) throws IOException {
        Map<String, Record> records = new TreeMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Map<?, ?> r = (Map<?, ?>) JsonTree.parse(line);
                List<String> recipe = ((List<?>) r.get("recipe")).stream().map(String.class::cast).toList();
                @SuppressWarnings("unchecked")
                Map<String, Object> json = r.get("json") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
                Record record = new Record((String) r.get("file"), recipe,
                        Integer.parseInt(((JsonTree.Number) r.get("exit")).text()), (String) r.get("error"), json);
                records.put(record.file(), record);
            }
        } catch (DicomParseException e) {
            throw new UncheckedIOException("corrupt golden file " + file, e);
        }
        return records;
    }

    static void save(Path file, Map<String, Record> records) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            for (Record r : new TreeMap<>(records).values()) {
                out.write(line(r));
                out.write('\n');
            }
        }
    }

    /** The record as its golden line (also how two records are compared). */
    static String line(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        m.put("recipe", r.recipe());
        m.put("exit", new JsonTree.Number(Integer.toString(r.exitCode())));
        m.put("error", r.error());
        m.put("json", r.json() == null ? JsonTree.NULL : r.json());
        return JsonText.write(m);
    }
}
