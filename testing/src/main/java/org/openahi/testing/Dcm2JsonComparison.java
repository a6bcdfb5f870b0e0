package org.openahi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one comparison of a DICOM JSON data set (PS3.18 Annex F) with DCMTK's {@code dcm2json} output for the same
 * source file ({@link Dcm2JsonGolden}), attribute by attribute at every depth, used by the dicom module's corpus tests
 * and by the server's round trips. Its normalisations, all here (and listed in docs/dicom.md):
 * <ol>
 *   <li>Specific Character Set (0008,0005) is not compared where dcm2json rewrote it: it converts all text to UTF-8
 *       and says {@code ISO_IR 192}; the data set keeps the original terms.</li>
 *   <li>Numbers are compared as numbers: IS and DS as decimals, FL as 32-bit floating point (dcm2json prints
 *       {@code 1.40129846e-45} for the float printed {@code 1.4E-45}), FD within one unit in the last place (dcm2json
 *       cuts FD to 17 digits without rounding).</li>
 *   <li>Binary values are compared by content; dcm2json pads an odd-length value with a zero byte, so ours are padded
 *       the same way before comparing.</li>
 *   <li>Private elements of Implicit VR data sets: DCMTK takes a VR from its private dictionary where we say UN; our
 *       bytes are decoded with DCMTK's VR and then compared.</li>
 *   <li>UI values: dcm2json removes spaces inside UIDs (with a warning); spaces are removed on both sides.</li>
 *   <li>Recipe {@code pixel-data-erased}: the top-level Pixel Data is not compared (the dicom module's
 *       {@code CorpusReadIT} checks its fragments against the MANIFEST). With any recipe dcmodify has rewritten the
 *       copy and dropped Data Set Trailing Padding (FFFC,FFFC), which is then not compared either.</li>
 *   <li>Recipes changing the character set, and text dcm2json left unconverted (invalid UTF-8, e.g. an item's own
 *       Specific Character Set it ignores): text that is not ASCII is left out here (counted as excluded) and checked
 *       against DCMTK's or the standard's strings by the dicom module's {@code CharacterSetCorpusIT}.</li>
 * </ol>
 * And the differences a representation has by design, each only when the caller allows it ({@link Allowed}).
 */
public final class Dcm2JsonComparison {

    /** A difference a representation of a stored instance has by design; none is allowed unless named. */
    public enum Allowed {
        /**
         * File Meta Information (group 0002) is not compared: dcm2json writes none, while WADO-RS metadata carries the
         * Transfer Syntax UID of the stored frames (as AHI does) and the AHI document the source file's File Meta.
         */
        FILE_META,
        /**
         * Top-level Pixel Data (7FE0,0008/0009/0010) may be missing: WADO-RS metadata and the AHI metadata document leave
         * it out (frames are retrieved on their own).
         */
        PIXEL_DATA_ABSENT,
        /**
         * Top-level Pixel Data in another encoding (encapsulated, e.g. stored as HTJ2K, where dcm2json saw native pixels)
         * is not compared, its VR (OB, as PS3.5 A.4 wants encapsulated data) neither; native pixel data is compared
         * byte for byte.
         */
        PIXEL_DATA_ENCODING
    }

    private static final Set<String> PIXEL_DATA = Set.of("7FE00008", "7FE00009", "7FE00010");
    private static final Set<String> CHARACTER_SET_TEXT = Set.of("SH", "LO", "UC", "ST", "LT", "UT", "PN");
    private static final Set<String> LONG_TEXT = Set.of("LT", "ST", "UT", "UR", "UC");
    private static final Set<String> SINGLE_VALUED_TEXT = Set.of("LT", "ST", "UT", "UR");

    private final String file;
    private final boolean charsetChanged;
    private final boolean pixelDataErased;
    private final boolean implicitVr;
    private final boolean rewritten;
    private final Set<Allowed> allowed;
    private final List<String> differences = new ArrayList<>();
    private int compared;
    private int excluded;

    /**
     * @param recipe the golden's recipe for the file ({@link Dcm2JsonGolden.Record#recipe})
     * @param implicitVr whether the source file is in an Implicit VR transfer syntax
     */
    public Dcm2JsonComparison(String file, List<String> recipe, boolean implicitVr, Set<Allowed> allowed) {
        this.file = file;
        this.charsetChanged =
                recipe.contains(Dcm2JsonGolden.CHARSET_ERASED) || recipe.contains(Dcm2JsonGolden.CHARSET_ISO_IR_100);
        this.pixelDataErased = recipe.contains(Dcm2JsonGolden.PIXEL_DATA_ERASED);
        this.rewritten = !recipe.isEmpty();
        this.implicitVr = implicitVr;
        this.allowed = allowed.isEmpty() ? EnumSet.noneOf(Allowed.class) : EnumSet.copyOf(allowed);
    }

    /** Parses DICOM JSON with numbers kept exact, as the golden is read. */
    public static JsonNode readJson(String json) {
        try {
            return Dcm2JsonGolden.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json.substring(0, Math.min(200, json.length())), e);
        }
    }

    /** Each difference as "file path: what". */
    public List<String> differences() {
        return differences;
    }

    /** Attributes compared. */
    public int compared() {
        return compared;
    }

    /** Text values left out by normalisation 7. */
    public int excluded() {
        return excluded;
    }

    /** Compares a data set (one DICOM JSON object) with the golden's {@code json} of its source. */
    public void compare(JsonNode ours, JsonNode dcmtk) {
        dataset(ours, dcmtk, "", true);
    }

    private void dataset(JsonNode ours, JsonNode dcmtk, String path, boolean top) {
        TreeSet<String> keys = new TreeSet<>();
        ours.fieldNames().forEachRemaining(keys::add);
        dcmtk.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            String at = path + "/" + key;
            boolean pixelData = top && PIXEL_DATA.contains(key);
            if (top && pixelDataErased && key.equals("7FE00010")
                    || charsetChanged && key.equals("00080005")
                    || top && rewritten && key.equals("FFFCFFFC")
                    || top && key.startsWith("0002") && allowed.contains(Allowed.FILE_META)
                    || pixelData && !ours.has(key) && allowed.contains(Allowed.PIXEL_DATA_ABSENT)) {
                continue;
            }
            if (!ours.has(key) || !dcmtk.has(key)) {
                differ(
                        at,
                        "only in "
                                + (ours.has(key)
                                        ? "ours: " + abbreviated(ours.get(key))
                                        : "dcm2json: " + abbreviated(dcmtk.get(key))));
                continue;
            }
            attribute(key, ours.get(key), dcmtk.get(key), at, pixelData);
        }
    }

    private void attribute(String key, JsonNode ours, JsonNode dcmtk, String path, boolean pixelData) {
        compared++;
        if (key.equals("00080005")
                && (charsetChanged
                        || "ISO_IR 192".equals(dcmtk.at("/Value/0").asText(null))
                                && dcmtk.path("Value").size() == 1)) {
            return;
        }
        if (pixelData && allowed.contains(Allowed.PIXEL_DATA_ENCODING) && !ours.has("InlineBinary")) {
            return;
        }
        String vr = dcmtk.path("vr").asText();
        if (!ours.path("vr").asText().equals(vr)) {
            if (implicitVr
                    && isPrivate(key)
                    && ours.path("vr").asText().equals("UN")
                    && !vr.equals("SQ")
                    && ours.has("InlineBinary")) {
                ours = decoded(ours, vr);
            } else {
                differ(path, "VR " + ours.path("vr").asText() + " vs dcm2json " + vr);
                return;
            }
        }
        if (vr.equals("SQ")) {
            items(ours.path("Value"), dcmtk.path("Value"), path);
            return;
        }
        if (charsetChanged && CHARACTER_SET_TEXT.contains(vr) && !isAscii(ours.path("Value"))
                || dcmtk.path("Value").toString().indexOf('\uFFFD') >= 0) {
            excluded++;
            return;
        }
        if (dcmtk.has("InlineBinarySha256") || ours.has("InlineBinary") || ours.has("BulkDataURI")) {
            binary(ours, dcmtk, path);
            return;
        }
        values(vr, ours.path("Value"), dcmtk.path("Value"), path);
    }

    private void items(JsonNode ours, JsonNode dcmtk, String path) {
        if (ours.size() != dcmtk.size()) {
            differ(path, ours.size() + " items vs dcm2json " + dcmtk.size());
            return;
        }
        for (int i = 0; i < ours.size(); i++) {
            dataset(ours.get(i), dcmtk.get(i), path + "/" + i, false);
        }
    }

    private void binary(JsonNode ours, JsonNode dcmtk, String path) {
        if (!ours.has("InlineBinary") || !dcmtk.has("InlineBinarySha256")) {
            differ(path, "binary value on one side only: " + abbreviated(ours) + " vs " + abbreviated(dcmtk));
            return;
        }
        byte[] bytes = Base64.getDecoder().decode(ours.path("InlineBinary").asText());
        if (bytes.length % 2 == 1) {
            bytes = Arrays.copyOf(bytes, bytes.length + 1);
        }
        if (!Dcm2JsonGolden.sha256(bytes)
                .equals(dcmtk.path("InlineBinarySha256").asText())) {
            differ(
                    path,
                    "binary value of " + bytes.length + " bytes differs from dcm2json's "
                            + dcmtk.path("InlineBinaryLength").asText() + " bytes");
        }
    }

    private void values(String vr, JsonNode ours, JsonNode dcmtk, String path) {
        if (ours.isMissingNode() || dcmtk.isMissingNode()) {
            if (ours.isMissingNode() != dcmtk.isMissingNode()) {
                differ(path, "value " + ours + " vs dcm2json " + dcmtk);
            }
            return;
        }
        if (ours.size() != dcmtk.size()) {
            differ(
                    path,
                    ours.size() + " values " + abbreviated(ours) + " vs dcm2json " + dcmtk.size() + " "
                            + abbreviated(dcmtk));
            return;
        }
        for (int i = 0; i < ours.size(); i++) {
            if (!sameValue(vr, ours.get(i), dcmtk.get(i))) {
                differ(path, "value " + ours.get(i) + " vs dcm2json " + dcmtk.get(i));
            }
        }
    }

    private static boolean sameValue(String vr, JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return switch (vr) {
                case "FL" -> a.floatValue() == b.floatValue();
                case "FD" -> Math.abs(a.doubleValue() - b.doubleValue()) <= Math.ulp(a.doubleValue());
                default -> a.decimalValue().compareTo(b.decimalValue()) == 0;
            };
        }
        if (vr.equals("UI") && a.isTextual() && b.isTextual()) {
            return a.asText().replace(" ", "").equals(b.asText().replace(" ", ""));
        }
        return a.equals(b);
    }

    /**
     * Our UN value of a private element decoded as DCMTK's VR for it, written as DICOM JSON writes that VR: text split
     * at backslash with its padding removed (IS and DS as numbers, PN by component groups), binary numbers little
     * endian, other binary values as they are.
     */
    private static JsonNode decoded(JsonNode ours, String vr) {
        byte[] bytes = Base64.getDecoder().decode(ours.path("InlineBinary").asText());
        ObjectNode json = Dcm2JsonGolden.JSON.createObjectNode().put("vr", vr);
        ArrayNode values = Dcm2JsonGolden.JSON.createArrayNode();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        switch (vr) {
            case "US" -> {
                while (buffer.remaining() >= 2) values.add(Short.toUnsignedInt(buffer.getShort()));
            }
            case "SS" -> {
                while (buffer.remaining() >= 2) values.add(buffer.getShort());
            }
            case "UL" -> {
                while (buffer.remaining() >= 4) values.add(Integer.toUnsignedLong(buffer.getInt()));
            }
            case "SL" -> {
                while (buffer.remaining() >= 4) values.add(buffer.getInt());
            }
            case "FL" -> {
                while (buffer.remaining() >= 4) values.add(buffer.getFloat());
            }
            case "FD" -> {
                while (buffer.remaining() >= 8) values.add(buffer.getDouble());
            }
            case "AT" -> {
                while (buffer.remaining() >= 4)
                    values.add(String.format("%04X%04X", buffer.getShort(), buffer.getShort()));
            }
            case "OB", "OD", "OF", "OL", "OV", "OW", "UN" -> {
                return json.put("InlineBinary", ours.path("InlineBinary").asText());
            }
            default -> text(new String(bytes, StandardCharsets.ISO_8859_1), vr, values);
        }
        if (!values.isEmpty()) {
            json.set("Value", values);
        }
        return json;
    }

    private static void text(String text, String vr, ArrayNode values) {
        List<String> strings = SINGLE_VALUED_TEXT.contains(vr) ? List.of(text) : List.of(text.split("\\\\", -1));
        List<String> trimmed = strings.stream().map(s -> trim(s, vr)).toList();
        if (trimmed.size() == 1 && trimmed.get(0).isEmpty()) {
            return;
        }
        for (String value : trimmed) {
            if (value.isEmpty()) {
                values.addNull();
            } else if (vr.equals("IS") || vr.equals("DS")) {
                try {
                    values.add(new BigDecimal(value));
                } catch (NumberFormatException notANumber) {
                    values.add(value);
                }
            } else if (vr.equals("PN")) {
                ObjectNode name = values.addObject();
                String[] groups = value.split("=", -1);
                String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
                for (int i = 0; i < Math.min(3, groups.length); i++) {
                    String group = groups[i].replaceAll("[\\^ ]+$", "");
                    if (!group.isEmpty()) {
                        name.put(names[i], group);
                    }
                }
            } else {
                values.add(value);
            }
        }
    }

    /** Trailing padding (spaces, NULs) goes; leading spaces are significant only in the long text VRs. */
    private static String trim(String s, String vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        while (!LONG_TEXT.contains(vr) && start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }

    private static boolean isPrivate(String key) {
        return Character.digit(key.charAt(3), 16) % 2 == 1;
    }

    private static boolean isAscii(JsonNode values) {
        return values.toString().chars().allMatch(c -> c < 0x80);
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private void differ(String path, String what) {
        differences.add(file + " " + path + ": " + what);
    }
}
