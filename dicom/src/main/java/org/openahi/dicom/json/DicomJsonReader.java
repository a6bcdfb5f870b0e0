package org.openahi.dicom.json;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.PersonName;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.charset.SpecificCharacterSet;
import org.openahi.dicom.dict.Tag;

/**
 * Reads the DICOM JSON Model (PS3.18 Annex F) into data sets. Text is encoded with the document's Specific
 * Character Set; when a value has characters that set cannot encode, the whole document is encoded in UTF-8 and
 * its Specific Character Set (and any item's) becomes {@code ISO_IR 192}. {@code BulkDataURI}s are resolved by the
 * caller. Bad documents give a {@link DicomParseException} naming the tag path (and the character offset for JSON
 * syntax errors).
 */
public final class DicomJsonReader {

    /** Supplies the value a {@code BulkDataURI} refers to. */
    @FunctionalInterface
    public interface BulkDataResolver {
        /** The value at {@code uri}, or {@code null} when it is unknown (the document is then rejected). */
        BulkData resolve(String uri) throws IOException;
    }

    /** Largest document read from a {@link Reader}, in characters. */
    static final int MAX_CHARS = 256 << 20;

    private static final int MAX_DEPTH = 64;
    private static final String UTF8 = "ISO_IR 192";

    private final BulkDataResolver resolver;
    private final boolean utf8;

    private DicomJsonReader(BulkDataResolver resolver, boolean utf8) {
        this.resolver = resolver;
        this.utf8 = utf8;
    }

    /** Reads one data set (a JSON object). */
    public static Dataset read(String json, BulkDataResolver resolver) throws IOException {
        Object tree = JsonTree.parse(json);
        if (!(tree instanceof Map<?, ?> object)) {
            throw new DicomParseException("expected a JSON object", 0, "");
        }
        return convert(object, resolver);
    }

    /** Reads a JSON array of data sets, as DICOMweb metadata responses hold, or a single object. */
    public static List<Dataset> readAll(String json, BulkDataResolver resolver) throws IOException {
        Object tree = JsonTree.parse(json);
        if (tree instanceof Map<?, ?> object) {
            return List.of(convert(object, resolver));
        }
        if (!(tree instanceof List<?> array)) {
            throw new DicomParseException("expected a JSON array or object", 0, "");
        }
        List<Dataset> datasets = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof Map<?, ?> object)) {
                throw new DicomParseException("array entry " + i + " is not an object", -1, "");
            }
            datasets.add(convert(object, resolver));
        }
        return datasets;
    }

    public static Dataset read(Reader reader, BulkDataResolver resolver) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        for (int n; (n = reader.read(chunk)) > 0; ) {
            if (text.length() + n > MAX_CHARS) {
                throw new DicomParseException(
                        "JSON document longer than " + MAX_CHARS + " characters", text.length(), "");
            }
            text.append(chunk, 0, n);
        }
        return read(text.toString(), resolver);
    }

    private static Dataset convert(Map<?, ?> object, BulkDataResolver resolver) throws IOException {
        try {
            return new DicomJsonReader(resolver, false).dataset(object, new Dataset(), "", 0);
        } catch (Unencodable e) {
            try {
                return new DicomJsonReader(resolver, true).dataset(object, new Dataset(), "", 0);
            } catch (Unencodable impossible) {
                throw new DicomParseException("text cannot be encoded as UTF-8", -1, "", impossible);
            }
        }
    }

    /** Thrown when text does not fit the declared character set; the document is then read as UTF-8. */
    private static final class Unencodable extends Exception {
        Unencodable() {
            super(null, null, false, false);
        }
    }

    private Dataset dataset(Map<?, ?> object, Dataset dataset, String path, int depth) throws IOException, Unencodable {
        if (object.containsKey(Tags.hex(Tag.SpecificCharacterSet))) {
            String key = Tags.hex(Tag.SpecificCharacterSet);
            if (utf8) {
                dataset.putStrings(Tag.SpecificCharacterSet, VR.CS, UTF8);
            } else {
                element(key, object.get(key), dataset, path, depth);
            }
        } else if (utf8 && dataset.parent() == null) {
            dataset.putStrings(Tag.SpecificCharacterSet, VR.CS, UTF8);
        }
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String key = (String) entry.getKey();
            if (!key.equals(Tags.hex(Tag.SpecificCharacterSet))) {
                element(key, entry.getValue(), dataset, path, depth);
            }
        }
        return dataset;
    }

    private void element(String key, Object json, Dataset dataset, String parentPath, int depth)
            throws IOException, Unencodable {
        long parsed = Tags.parseHex(key);
        String path = (parentPath.isEmpty() ? "" : parentPath + ".") + (parsed < 0 ? key : Tags.format((int) parsed));
        if (parsed < 0) {
            throw fail("\"" + key + "\" is not a tag of eight hex digits", path);
        }
        int tag = (int) parsed;
        if (!(json instanceof Map<?, ?> attribute)) {
            throw fail("attribute is not a JSON object", path);
        }
        VR vr = attribute.get("vr") instanceof String s && s.length() == 2 ? VR.of(s.charAt(0), s.charAt(1)) : null;
        if (vr == null) {
            throw fail("missing or invalid \"vr\"", path);
        }
        int forms = (attribute.containsKey("Value") ? 1 : 0)
                + (attribute.containsKey("InlineBinary") ? 1 : 0)
                + (attribute.containsKey("BulkDataURI") ? 1 : 0);
        if (forms > 1) {
            throw fail("more than one of Value, InlineBinary, BulkDataURI", path);
        }
        if (attribute.containsKey("InlineBinary") || attribute.containsKey("BulkDataURI")) {
            dataset.put(binary(tag, vr, attribute, path));
            return;
        }
        List<?> values = attribute.containsKey("Value") ? asList(attribute.get("Value"), path) : List.of();
        if (vr == VR.SQ) {
            if (depth + 1 > MAX_DEPTH) {
                throw fail("sequences nested deeper than " + MAX_DEPTH, path);
            }
            Sequence items = dataset.putSequence(tag);
            for (int i = 0; i < values.size(); i++) {
                if (!(values.get(i) instanceof Map<?, ?> item)) {
                    throw fail("sequence item " + i + " is not an object", path);
                }
                dataset(item, items.addItem(), path + "[" + i + "]", depth + 1);
            }
            return;
        }
        dataset.put(Element.of(tag, vr, valueBytes(vr, values, dataset, tag, path)));
    }

    private byte[] valueBytes(VR vr, List<?> values, Dataset dataset, int tag, String path)
            throws DicomParseException, Unencodable {
        if (values.isEmpty()) {
            return new byte[0];
        }
        return switch (vr.kind()) {
            case TEXT, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING -> text(vr, values, dataset, tag, path);
            case INTEGER, TAG -> integers(vr, values, path);
            case FLOAT -> floats(vr, values, path);
            default -> throw fail(vr + " values must be InlineBinary or BulkDataURI", path);
        };
    }

    private byte[] text(VR vr, List<?> values, Dataset dataset, int tag, String path)
            throws DicomParseException, Unencodable {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                joined.append('\\');
            }
            String value = textValue(vr, values.get(i), path);
            if (vr.multiValued() && value.indexOf('\\') >= 0) {
                throw fail("value contains the delimiter \\", path);
            }
            joined.append(value);
        }
        String text = joined.toString();
        boolean decoded = vr.usesSpecificCharacterSet() && tag != Tag.SpecificCharacterSet;
        SpecificCharacterSet cs = decoded ? dataset.specificCharacterSet() : SpecificCharacterSet.DEFAULT;
        try {
            return cs.encode(text);
        } catch (CharacterCodingException e) {
            if (!decoded) {
                throw fail("non-ASCII characters in a " + vr + " value", path);
            }
            if (utf8) {
                throw fail("text cannot be encoded as UTF-8", path);
            }
            throw new Unencodable();
        }
    }

    private String textValue(VR vr, Object value, String path) throws DicomParseException {
        if (value == JsonTree.NULL) {
            return "";
        }
        if (vr == VR.PN) {
            if (!(value instanceof Map<?, ?> name)) {
                throw fail("PN value is not an object", path);
            }
            String[] groups = new String[3];
            String[] keys = {"Alphabetic", "Ideographic", "Phonetic"};
            for (int g = 0; g < 3; g++) {
                Object group = name.get(keys[g]);
                if (group != null && !(group instanceof String)) {
                    throw fail("PN " + keys[g] + " is not a string", path);
                }
                groups[g] = group == null ? "" : (String) group;
            }
            return new PersonName(groups[0], groups[1], groups[2]).toString();
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof JsonTree.Number n && (vr == VR.IS || vr == VR.DS)) {
            return n.text();
        }
        throw fail(vr + " value is not a string", path);
    }

    private byte[] integers(VR vr, List<?> values, String path) throws DicomParseException {
        int unit = vr == VR.AT ? 4 : vr.unitSize();
        ByteBuffer buf = ByteBuffer.allocate(values.size() * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (Object value : values) {
            if (vr == VR.AT) {
                long tag = value instanceof String s ? Tags.parseHex(s) : -1;
                if (tag < 0) {
                    throw fail("AT value is not eight hex digits", path);
                }
                buf.putShort((short) (tag >>> 16)).putShort((short) tag);
                continue;
            }
            BigInteger v = integer(value, path);
            BigInteger min = switch (vr) {
                case SS -> BigInteger.valueOf(Short.MIN_VALUE);
                case SL -> BigInteger.valueOf(Integer.MIN_VALUE);
                case SV -> BigInteger.valueOf(Long.MIN_VALUE);
                default -> BigInteger.ZERO;
            };
            BigInteger max = switch (vr) {
                case US -> BigInteger.valueOf(0xFFFF);
                case SS -> BigInteger.valueOf(Short.MAX_VALUE);
                case UL -> BigInteger.valueOf(0xFFFF_FFFFL);
                case SL -> BigInteger.valueOf(Integer.MAX_VALUE);
                case SV -> BigInteger.valueOf(Long.MAX_VALUE);
                default -> BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
            };
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                throw fail(v + " is out of range for " + vr, path);
            }
            switch (unit) {
                case 2 -> buf.putShort(v.shortValue());
                case 4 -> buf.putInt(v.intValue());
                default -> buf.putLong(v.longValue());
            }
        }
        return buf.array();
    }

    private BigInteger integer(Object value, String path) throws DicomParseException {
        String text = value instanceof JsonTree.Number n ? n.text() : value instanceof String s ? s : null;
        try {
            if (text != null && text.length() <= 40) {
                return new BigDecimal(text).toBigIntegerExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw fail("'" + value + "' is not an integer", path);
    }

    private byte[] floats(VR vr, List<?> values, String path) throws DicomParseException {
        ByteBuffer buf = ByteBuffer.allocate(values.size() * vr.unitSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (Object value : values) {
            String text = value instanceof JsonTree.Number n
                    ? n.text()
                    : value instanceof String s && s.matches("-?Infinity|NaN") ? s : null;
            if (text == null) {
                throw fail("'" + value + "' is not a number", path);
            }
            double v = Double.parseDouble(text);
            if (vr == VR.FL) {
                buf.putFloat((float) v);
            } else {
                buf.putDouble(v);
            }
        }
        return buf.array();
    }

    private Element binary(int tag, VR vr, Map<?, ?> attribute, String path) throws IOException {
        if (vr.kind() != VR.Kind.BYTES) {
            throw fail("InlineBinary and BulkDataURI are for OB, OD, OF, OL, OV, OW and UN, not " + vr, path);
        }
        if (attribute.get("InlineBinary") instanceof String base64) {
            try {
                return Element.of(tag, vr, Base64.getDecoder().decode(base64.replaceAll("\\s", "")));
            } catch (IllegalArgumentException e) {
                throw fail("InlineBinary is not base64: " + e.getMessage(), path);
            }
        }
        if (attribute.get("BulkDataURI") instanceof String uri) {
            BulkData value = resolver.resolve(uri);
            if (value == null) {
                throw fail("BulkDataURI " + uri + " cannot be resolved", path);
            }
            return Element.of(tag, vr, value);
        }
        throw fail("InlineBinary or BulkDataURI is not a string", path);
    }

    private static List<?> asList(Object value, String path) throws DicomParseException {
        if (value instanceof List<?> list) {
            return list;
        }
        throw fail("\"Value\" is not an array", path);
    }

    private static DicomParseException fail(String reason, String path) {
        return new DicomParseException(reason, -1, path);
    }
}
