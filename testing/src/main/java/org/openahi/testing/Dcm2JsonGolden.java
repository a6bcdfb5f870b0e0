package org.openahi.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What DCMTK's {@code dcm2json} (3.6.7, Debian 12) says about each file of the shared corpus, kept in the resource
 * {@code org/openahi/testing/dcm2json.jsonl.gz} of this module: one JSON line per file with the exit status, the
 * first error line, the recipe applied, and the output with every InlineBinary replaced by the SHA-256 and length of
 * its bytes (so the golden stays small). The dicom module's {@code Dcm2JsonCorpusIT} regenerates it with DCMTK
 * installed and fails when it differs: {@code ./mvnw -pl dicom verify -Dit.test=Dcm2JsonCorpusIT
 * -Dopenahi.dicom.writeGolden=true} rewrites it.
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
public final class Dcm2JsonGolden {

    /** The committed golden, from the root of a module of the reactor. */
    public static final Path SOURCE = Path.of("../testing/src/main/resources/org/openahi/testing/dcm2json.jsonl.gz");

    public static final String PIXEL_DATA_ERASED = "pixel-data-erased";
    public static final String CHARSET_ERASED = "charset-erased";
    public static final String CHARSET_ISO_IR_100 = "charset-iso-ir-100";

    /** Numbers are kept exact (dcm2json's digits, not a double's), so a golden line reads back as it was written. */
    // JsonNodeFactory.withExactBigDecimals is deprecated since Jackson 2.15 in favour of JsonNodeFeature.
    // STRIP_TRAILING_BIGDECIMAL_ZEROES; kept until the replacement is shown to write the same digits.
    @SuppressWarnings("deprecation")
    static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    /** One file's entry; {@code json} is {@code null} when dcm2json failed on every attempt. */
    public record Record(String file, List<String> recipe, int exitCode, String error, ObjectNode json) {
        public boolean readable() {
            return exitCode == 0;
        }
    }

    private Dcm2JsonGolden() {}

    /** Runs dcm2json (and dcmodify when needed) on {@code corpusDir/relative}, working in {@code tempDir}. */
    public static Record generate(Path corpusDir, String relative, Path tempDir) throws IOException {
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
        String error = result.stderr()
                .lines()
                .filter(l -> l.startsWith("E:") || l.startsWith("F:"))
                .findFirst()
                .orElse("")
                .replace(corpusDir + "/", "")
                .replace(copy.toString(), relative);
        if (result.exitCode() != 0) {
            return new Record(relative, recipe, result.exitCode(), error, null);
        }
        // dcm2json writes invalid UTF-8 where it leaves text unconverted; decoding replaces it with U+FFFD
        ObjectNode json = (ObjectNode) JSON.readTree(new String(result.stdout(), StandardCharsets.UTF_8));
        hashBinaries(json);
        return new Record(relative, recipe, 0, error, json);
    }

    private static Oracles.Result dcm2json(Path file) {
        return Oracles.run("dcm2json", "-fc", file.toString());
    }

    /** Replaces every {@code InlineBinary} by {@code InlineBinarySha256} and {@code InlineBinaryLength}, in place. */
    static void hashBinaries(JsonNode tree) {
        if (tree instanceof ObjectNode object) {
            JsonNode inline = object.remove("InlineBinary");
            if (inline != null) {
                byte[] bytes = Base64.getDecoder().decode(inline.asText());
                object.put("InlineBinarySha256", sha256(bytes));
                object.put("InlineBinaryLength", bytes.length);
            }
        }
        tree.forEach(Dcm2JsonGolden::hashBinaries);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The record of any file: the committed one for a file of the shared corpus, else what dcm2json says now (with
     * DCMTK required: {@link Oracles#require}).
     */
    public static Record of(Path file, Path tempDir) throws IOException {
        Path corpus = SharedCorpus.dicom().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(corpus)) {
            Record committed = Committed.RECORDS.get(corpus.relativize(absolute).toString());
            if (committed != null) {
                return committed;
            }
        }
        Oracles.require("dcm2json");
        return generate(absolute.getParent(), absolute.getFileName().toString(), tempDir);
    }

    /** Loaded on first use. */
    private static final class Committed {
        static final Map<String, Record> RECORDS = load();
    }

    /** The committed golden, by corpus path. */
    public static Map<String, Record> load() {
        try (InputStream in = Dcm2JsonGolden.class.getResourceAsStream("dcm2json.jsonl.gz")) {
            if (in == null) {
                throw new IllegalStateException("dcm2json.jsonl.gz is missing from the testing module's resources");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Record> load(InputStream gzip) throws IOException {
        Map<String, Record> records = new TreeMap<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(new GZIPInputStream(gzip), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode r = JSON.readTree(line);
                List<String> recipe = new ArrayList<>();
                r.path("recipe").forEach(step -> recipe.add(step.asText()));
                ObjectNode json = r.path("json") instanceof ObjectNode object ? object : null;
                Record record = new Record(
                        r.path("file").asText(),
                        recipe,
                        r.path("exit").asInt(),
                        r.path("error").asText(),
                        json);
                records.put(record.file(), record);
            }
        }
        return records;
    }

    /** Writes the golden (to {@link #SOURCE} to replace the committed one). */
    public static void save(Path file, Map<String, Record> records) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            for (Record r : new TreeMap<>(records).values()) {
                out.write(line(r));
                out.write('\n');
            }
        }
    }

    /** The record as its golden line (also how two records are compared). */
    public static String line(Record r) {
        ObjectNode m = JSON.createObjectNode();
        m.put("file", r.file());
        r.recipe().forEach(m.putArray("recipe")::add);
        m.put("exit", r.exitCode());
        m.put("error", r.error());
        m.set("json", r.json() == null ? m.nullNode() : r.json());
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
