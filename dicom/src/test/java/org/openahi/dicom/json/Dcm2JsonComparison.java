package org.openahi.dicom.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.charset.SpecificCharacterSet;
import org.openahi.dicom.dict.Tag;

/**
 * Compares our DICOM JSON of a data set with dcm2json's, element by element, after these normalisations:
 * <ol>
 *   <li>Specific Character Set (0008,0005) is not compared where dcm2json rewrote it: it converts all text to UTF-8
 *       and says {@code ISO_IR 192}; we keep the original terms (and decode with them).</li>
 *   <li>Numbers are compared as numbers: IS and DS as decimals, FL as 32-bit floating point (dcm2json prints
 *       {@code 1.40129846e-45} where we print {@code 1.4E-45}: the same float), FD within one unit in the last
 *       place (dcm2json cuts FD to 17 digits without rounding: {@code 0.026228787661969974} for the double we
 *       print exactly as {@code 0.02622878766196998}).</li>
 *   <li>Binary values are compared by content; dcm2json pads an odd-length value with a zero byte, we keep the
 *       bytes as read, so ours are padded the same way before comparing.</li>
 *   <li>Private elements of Implicit VR data sets: DCMTK takes a VR from its private dictionary, we say UN (the
 *       standard dictionary does not know them); our bytes are decoded with DCMTK's VR and then compared.</li>
 *   <li>UI values: dcm2json removes spaces inside UIDs (with a warning); spaces are removed on both sides.</li>
 *   <li>Recipe {@code pixel-data-erased}: the top-level Pixel Data is not compared (its fragments are checked
 *       against the MANIFEST by {@code CorpusReadIT}). With any recipe dcmodify has rewritten the copy and
 *       dropped Data Set Trailing Padding (FFFC,FFFC), which is then not compared either.</li>
 *   <li>Recipes changing the character set, and text dcm2json left unconverted (invalid UTF-8, e.g. an item's own
 *       Specific Character Set it ignores): text whose bytes are not ASCII is left out here and checked against
 *       DCMTK's or the standard's strings by {@code CharacterSetCorpusIT}.</li>
 * </ol>
 */
final class Dcm2JsonComparison {

    private final String file;
    private final boolean charsetChanged;
    private final boolean pixelDataErased;
    private final boolean implicitVr;
    private final boolean rewritten;
    private final List<String> differences = new ArrayList<>();
    private int compared;
    private int excluded;

    Dcm2JsonComparison(String file, List<String> recipe, boolean implicitVr) {
        this.file = file;
        this.charsetChanged = recipe.contains(Dcm2JsonGolden.CHARSET_ERASED)
                || recipe.contains(Dcm2JsonGolden.CHARSET_ISO_IR_100);
        this.pixelDataErased = recipe.contains(Dcm2JsonGolden.PIXEL_DATA_ERASED);
        this.rewritten = !recipe.isEmpty();
        this.implicitVr = implicitVr;
    }

    List<String> differences() {
        return differences;
    }

    int compared() {
        return compared;
    }

    int excluded() {
        return excluded;
    }

    void compare(Dataset ours, Map<String, Object> dcmtk) throws IOException {
        Object json = JsonTree.parse(DicomJsonWriter.toJson(ours, BulkDataPolicy.inline()));
        dataset(ours, asMap(json), dcmtk, "", true);
    }

    private void dataset(Dataset ours, Map<String, Object> oursJson, Map<String, Object> dcmtk, String path,
                         boolean top) throws IOException {
        TreeSet<String> keys = new TreeSet<>(oursJson.keySet());
        keys.addAll(dcmtk.keySet());
        for (String key : keys) {
            String at = path + "/" + key;
            if (top && pixelDataErased && key.equals(Tags.hex(Tag.PixelData))
                    || charsetChanged && key.equals(Tags.hex(Tag.SpecificCharacterSet))
                    || top && rewritten && key.equals(Tags.hex(Tag.DataSetTrailingPadding))) {
                continue;
            }
            if (!oursJson.containsKey(key) || !dcmtk.containsKey(key)) {
                differ(at, "only in " + (oursJson.containsKey(key) ? "ours: " + oursJson.get(key)
                        : "dcm2json: " + dcmtk.get(key)));
                continue;
            }
            Element element = ours.get((int) Tags.parseHex(key));
            attribute(element, ours, asMap(oursJson.get(key)), asMap(dcmtk.get(key)), at);
        }
    }

    private void attribute(Element e, Dataset holder, Map<String, Object> ours, Map<String, Object> dcmtk,
                           String path) throws IOException {
        compared++;
        if (e.tag() == Tag.SpecificCharacterSet
                && (charsetChanged || List.of("ISO_IR 192").equals(dcmtk.get("Value")))) {
            return;
        }
        if (!ours.get("vr").equals(dcmtk.get("vr"))) {
            VR theirs = VR.valueOf((String) dcmtk.get("vr"));
            if (implicitVr && Tags.isPrivate(e.tag()) && e.vr() == VR.UN && theirs != VR.SQ) {
                ours = reinterpreted(e, theirs, holder);
            } else {
                differ(path, "VR " + ours.get("vr") + " vs dcm2json " + dcmtk.get("vr"));
                return;
            }
        }
        if (e.vr() == VR.SQ) {
            items(e.items(), ours, dcmtk, path);
            return;
        }
        if (charsetChanged && e.inMemory() && e.vr().usesSpecificCharacterSet()
                && !SpecificCharacterSet.isAscii(e.bytes(), 0, e.bytes().length)
                || JsonText.write(dcmtk).indexOf('\uFFFD') >= 0) {
            excluded++;
            return;
        }
        if (dcmtk.containsKey("InlineBinarySha256") || ours.containsKey("InlineBinary")) {
            binary(ours, dcmtk, path);
            return;
        }
        values(VR.valueOf((String) dcmtk.get("vr")), ours.get("Value"), dcmtk.get("Value"), path);
    }

    private Map<String, Object> reinterpreted(Element e, VR vr, Dataset holder) throws IOException {
        Dataset single = new Dataset();
        Element charset = holder.get(Tag.SpecificCharacterSet);
        if (charset != null) {
            single.put(charset);
        }
        single.put(Element.of(e.tag(), vr, e.bulkData().readAllBytes()));
        return asMap(asMap(JsonTree.parse(DicomJsonWriter.toJson(single, BulkDataPolicy.inline())))
                .get(Tags.hex(e.tag())));
    }

    private void items(Sequence items, Map<String, Object> ours, Map<String, Object> dcmtk, String path)
            throws IOException {
        List<?> oursItems = ours.containsKey("Value") ? (List<?>) ours.get("Value") : List.of();
        List<?> dcmtkItems = dcmtk.containsKey("Value") ? (List<?>) dcmtk.get("Value") : List.of();
        if (oursItems.size() != dcmtkItems.size()) {
            differ(path, oursItems.size() + " items vs dcm2json " + dcmtkItems.size());
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            dataset(items.get(i), asMap(oursItems.get(i)), asMap(dcmtkItems.get(i)), path + "/" + i, false);
        }
    }

    private void binary(Map<String, Object> ours, Map<String, Object> dcmtk, String path) {
        if (!ours.containsKey("InlineBinary") || !dcmtk.containsKey("InlineBinarySha256")) {
            differ(path, "binary value on one side only: " + ours + " vs " + dcmtk);
            return;
        }
        byte[] bytes = Base64.getDecoder().decode((String) ours.get("InlineBinary"));
        if (bytes.length % 2 == 1) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        }
        if (!Dcm2JsonGolden.sha256(bytes).equals(dcmtk.get("InlineBinarySha256"))) {
            differ(path, "binary value of " + bytes.length + " bytes differs from dcm2json's "
                    + dcmtk.get("InlineBinaryLength") + " bytes");
        }
    }

    private void values(VR vr, Object ours, Object dcmtk, String path) {
        if (ours == null || dcmtk == null) {
            if (ours != dcmtk) {
                differ(path, "value " + ours + " vs dcm2json " + dcmtk);
            }
            return;
        }
        List<?> a = (List<?>) ours;
        List<?> b = (List<?>) dcmtk;
        if (a.size() != b.size()) {
            differ(path, a.size() + " values " + a + " vs dcm2json " + b.size() + " " + b);
            return;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameValue(vr, a.get(i), b.get(i))) {
                differ(path, "value " + JsonText.write(a.get(i)) + " vs dcm2json " + JsonText.write(b.get(i)));
            }
        }
    }

    private static boolean sameValue(VR vr, Object a, Object b) {
        if (a instanceof JsonTree.Number x && b instanceof JsonTree.Number y) {
            return switch (vr) {
                case FL -> Float.parseFloat(x.text()) == Float.parseFloat(y.text());
                case FD -> Math.abs(Double.parseDouble(x.text()) - Double.parseDouble(y.text()))
                        <= Math.ulp(Double.parseDouble(x.text()));
                default -> new BigDecimal(x.text()).compareTo(new BigDecimal(y.text())) == 0;
            };
        }
        if (vr == VR.UI && a instanceof String x && b instanceof String y) {
            return x.replace(" ", "").equals(y.replace(" ", ""));
        }
        return JsonText.write(a).equals(JsonText.write(b));
    }

    private void differ(String path, String what) {
        differences.add(file + " " + path + ": " + what);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
