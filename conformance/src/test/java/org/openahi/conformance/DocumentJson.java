package org.openahi.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;
import org.openahi.testing.Dcm2JsonComparison;

/**
 * An instance of an AHI metadata document (GetImageSetMetadata) read as a client reads it, written as DICOM JSON to
 * compare with dcm2json, independently of the server's own reader: the Patient, Study and Series attributes with the
 * instance's own laid over them; keys are keywords or tags in hex; a VR is the one {@code DICOMVRs} records for the
 * element (by its tag, or inside items by its path of tags and item numbers joined by '.'), else the dictionary's;
 * text is encoded in the instance's Specific Character Set. The Pixel Data placeholder is not an attribute value and
 * is left out.
 */
final class DocumentJson {
    private static final List<Integer> PIXEL_DATA = List.of(0x7FE00008, 0x7FE00009, Tag.PixelData);

    private final Map<String, String> vrs = new LinkedHashMap<>();
    /** Text that does not fit the document's character set is encoded as UTF-8, with ISO_IR 192 said. */
    private final boolean utf8;

    private DocumentJson(JsonNode instance, boolean utf8) {
        instance.path("DICOMVRs")
                .properties()
                .forEach(vr -> vrs.put(vr.getKey(), vr.getValue().asText()));
        this.utf8 = utf8;
    }

    /** The instance as one DICOM JSON data set. */
    static JsonNode instance(JsonNode document, String seriesInstanceUid, String sopInstanceUid) {
        JsonNode series = document.path("Study").path("Series").path(seriesInstanceUid);
        JsonNode instance = series.path("Instances").path(sopInstanceUid);
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        for (JsonNode level : List.of(
                document.at("/Patient/DICOM"),
                document.at("/Study/DICOM"),
                series.path("DICOM"),
                instance.path("DICOM"))) {
            level.properties().forEach(attribute -> attributes.put(attribute.getKey(), attribute.getValue()));
        }
        Dataset dataset;
        try {
            dataset = new DocumentJson(instance, false).dataset(attributes);
        } catch (IllegalArgumentException outsideTheCharacterSet) {
            dataset = new DocumentJson(instance, true).dataset(attributes);
        }
        try {
            return Dcm2JsonComparison.readJson(DicomJsonWriter.toJson(dataset, BulkDataPolicy.inline()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Dataset dataset(Map<String, JsonNode> attributes) {
        Dataset dataset = new Dataset();
        characterSet(dataset, "", attributes.get("SpecificCharacterSet"));
        attributes.forEach((key, value) -> {
            int tag = tag(key);
            if (tag != Tag.SpecificCharacterSet && !PIXEL_DATA.contains(tag)) {
                put(dataset, "", tag, value);
            }
        });
        return dataset;
    }

    private void characterSet(Dataset dataset, String path, JsonNode value) {
        if (utf8 && (value != null || path.isEmpty())) {
            dataset.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        } else if (value != null) {
            put(dataset, path, Tag.SpecificCharacterSet, value);
        }
    }

    private static int tag(String key) {
        if (key.matches("[0-9A-Fa-f]{8}")) {
            return (int) Tags.parseHex(key);
        }
        DictionaryEntry entry = Dictionary.forKeyword(key);
        if (entry == null) {
            throw new AssertionError("The document names an attribute with no tag: " + key);
        }
        return entry.tag();
    }

    private VR vr(String path, int tag) {
        String recorded = vrs.get(path + Tags.hex(tag));
        if (recorded != null) {
            return VR.valueOf(recorded);
        }
        DictionaryEntry entry = Dictionary.entry(tag);
        return entry == null || entry.vrs().isEmpty() ? VR.UN : entry.vrs().get(0);
    }

    private void put(Dataset dataset, String path, int tag, JsonNode value) {
        VR vr = vr(path, tag);
        if (vr == VR.SQ) {
            Sequence items = dataset.putSequence(tag);
            for (int i = 0; i < value.size(); i++) {
                Dataset item = items.addItem();
                String itemPath = path + Tags.hex(tag) + "." + i + ".";
                JsonNode attributes = value.get(i);
                characterSet(item, itemPath, attributes.get("SpecificCharacterSet"));
                attributes.properties().forEach(attribute -> {
                    int itemTag = tag(attribute.getKey());
                    if (itemTag != Tag.SpecificCharacterSet) {
                        put(item, itemPath, itemTag, attribute.getValue());
                    }
                });
            }
            return;
        }
        if (value.isNull()) {
            dataset.put(Element.of(tag, vr, new byte[0]));
            return;
        }
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        VR known = Dictionary.implicitVr(tag);
        if (vr == VR.UN && known.isText()) {
            // A UN element of an attribute the dictionary knows as text is held as that text.
            dataset.putStrings(tag, known, values.stream().map(JsonNode::asText).toArray(String[]::new));
            dataset.put(Element.of(tag, VR.UN, dataset.get(tag).bytes()));
            return;
        }
        switch (vr.kind()) {
            case TEXT, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING ->
                dataset.putStrings(
                        tag, vr, values.stream().map(JsonNode::asText).toArray(String[]::new));
            case INTEGER ->
                dataset.putLongs(
                        tag,
                        vr,
                        values.stream()
                                .mapToLong(v -> v.bigIntegerValue().longValue())
                                .toArray());
            case TAG ->
                dataset.putLongs(
                        tag,
                        vr,
                        values.stream()
                                .mapToLong(v -> Long.parseLong(v.asText(), 16))
                                .toArray());
            case FLOAT ->
                dataset.putDoubles(
                        tag,
                        vr,
                        values.stream()
                                .mapToDouble(v -> v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText()))
                                .toArray());
            case BYTES -> dataset.put(Element.of(tag, vr, Base64.getDecoder().decode(value.asText())));
            case SEQUENCE -> throw new AssertionError("handled above");
        }
    }
}
