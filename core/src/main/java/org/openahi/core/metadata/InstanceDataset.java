package org.openahi.core.metadata;

import static org.openahi.core.metadata.DocumentFields.INSTANCES;
import static org.openahi.core.metadata.DocumentFields.PATIENT;
import static org.openahi.core.metadata.DocumentFields.STUDY;
import static org.openahi.core.metadata.DocumentFields.allSeries;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;

/**
 * One instance of a metadata document rebuilt as DICOM data sets, for DICOMweb: its File Meta and its data set
 * (Patient, Study and Series attributes with the instance's own on top), with the ids of its stored frames in order.
 * Every element gets the VR its file gave it ({@link AttributeKeys}). The document holds text decoded; it is encoded
 * again in the instance's own Specific Character Set, which gives the file's bytes back. Only when a value does not
 * fit that character set (text an edit added, or non-ASCII text of a file without Specific Character Set, read as
 * ISO_IR 100) is all text encoded as UTF-8 and (0008,0005) set to ISO_IR 192, in the data set and in every item that
 * names its own. A value that does not fit its VR (an edit with force may store one) becomes UN holding the value's
 * text; an attribute an edit named with neither a keyword nor a tag has no place in DICOM and is left out. Pixel
 * Data is not in the data set: its frames are {@code frames}, {@code pixelDataTag} says which of Pixel Data, Float
 * and Double Float Pixel Data the file held, and {@code pixelDataVr} the VR the file gave it (null when the document
 * does not say).
 */
public record InstanceDataset(
        Dataset fileMeta, Dataset dataset, StoredFrames frames, int pixelDataTag, VR pixelDataVr) {
    private static final String UTF_8 = "ISO_IR 192";
    private static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    private static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;

    /**
     * The instance {@code sopInstanceUid} of series {@code seriesInstanceUid} in the document; NotFound when the
     * document has no such instance.
     */
    public static InstanceDataset of(JsonNode document, String seriesInstanceUid, String sopInstanceUid) {
        JsonNode series = allSeries(document).path(seriesInstanceUid);
        JsonNode instance = StoredFrames.instance(document, seriesInstanceUid, sopInstanceUid);
        Map<String, String> vrs = new HashMap<>();
        instance.path("DICOMVRs")
                .properties()
                .forEach(entry -> vrs.put(entry.getKey(), entry.getValue().asText()));
        Map<Integer, JsonNode> attributes = new LinkedHashMap<>();
        for (JsonNode level : List.of(
                document.path(PATIENT).path("DICOM"),
                document.path(STUDY).path("DICOM"),
                series.path("DICOM"),
                instance.path("DICOM"))) {
            level.properties()
                    .forEach(attribute -> AttributeKeys.tagOf(attribute.getKey())
                            .ifPresent(tag -> attributes.put(tag, attribute.getValue())));
        }
        StoredFrames frames = StoredFrames.of(instance);
        Dataset fileMeta = new Dataset();
        Dataset dataset;
        try {
            dataset = new Rebuild(vrs, false).dataset(attributes, fileMeta);
        } catch (Unencodable e) {
            fileMeta = new Dataset();
            dataset = new Rebuild(vrs, true).dataset(attributes, fileMeta);
        }
        fileMeta.putStrings(Tag.TransferSyntaxUID, VR.UI, frames.transferSyntaxUid());
        int pixelDataTag = attributes.containsKey(FLOAT_PIXEL_DATA)
                ? FLOAT_PIXEL_DATA
                : attributes.containsKey(DOUBLE_FLOAT_PIXEL_DATA) ? DOUBLE_FLOAT_PIXEL_DATA : Tag.PixelData;
        String pixelDataVr = vrs.get(AttributeKeys.vrKey("", pixelDataTag));
        return new InstanceDataset(
                fileMeta,
                dataset,
                frames,
                pixelDataTag,
                pixelDataVr == null ? null : AttributeKeys.vr(vrs, "", pixelDataTag));
    }

    /** The instance's SOP Class UID, read without rebuilding its attributes; NotFound as {@link #of}. */
    public static String sopClassUid(JsonNode document, String seriesInstanceUid, String sopInstanceUid) {
        return StoredFrames.instance(document, seriesInstanceUid, sopInstanceUid)
                .path("DICOM")
                .path("SOPClassUID")
                .asText();
    }

    /** The SOP Instance UIDs of the series in the document, in the document's order. */
    public static List<String> instanceUids(JsonNode document, String seriesInstanceUid) {
        List<String> uids = new ArrayList<>();
        Iterator<String> names =
                allSeries(document).path(seriesInstanceUid).path(INSTANCES).fieldNames();
        names.forEachRemaining(uids::add);
        return uids;
    }

    /** A text value does not fit the Specific Character Set in effect. */
    private static final class Unencodable extends RuntimeException {
        Unencodable() {
            super(null, null, false, false);
        }
    }

    /** One rebuild: the instance's recorded VRs, and whether all text is encoded as UTF-8. */
    private record Rebuild(Map<String, String> vrs, boolean utf8) {

        Dataset dataset(Map<Integer, JsonNode> attributes, Dataset fileMeta) {
            Dataset dataset = new Dataset();
            putCharacterSet(dataset, attributes.get(Tag.SpecificCharacterSet));
            for (Map.Entry<Integer, JsonNode> attribute : attributes.entrySet()) {
                int tag = attribute.getKey();
                if (tag == Tag.SpecificCharacterSet
                        || tag == Tag.FileMetaInformationGroupLength
                        || tag == Tag.PixelData
                        || tag == FLOAT_PIXEL_DATA
                        || tag == DOUBLE_FLOAT_PIXEL_DATA) {
                    continue;
                }
                put((tag >>> 16) == 0x0002 ? fileMeta : dataset, "", tag, attribute.getValue());
            }
            return dataset;
        }

        /** (0008,0005) goes first: the text after it is encoded with it. */
        private void putCharacterSet(Dataset target, JsonNode value) {
            if (utf8) {
                target.putStrings(Tag.SpecificCharacterSet, VR.CS, UTF_8);
            } else if (value != null) {
                put(target, "", Tag.SpecificCharacterSet, value);
            }
        }

        private void put(Dataset target, String itemPath, int tag, JsonNode value) {
            VR vr = AttributeKeys.vr(vrs, itemPath, tag);
            if (vr == VR.SQ) {
                putSequence(target, itemPath, tag, value);
                return;
            }
            if (value.isNull() || value.isMissingNode()) {
                target.put(Element.of(tag, vr, new byte[0]));
                return;
            }
            List<JsonNode> values = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(values::add);
            } else {
                values.add(value);
            }
            VR textOfUn = AttributeKeys.textVrOfUn(tag, vr);
            try {
                if (textOfUn != null) {
                    putTextAsUn(target, tag, textOfUn, values);
                    return;
                }
                switch (vr.kind()) {
                    case TEXT, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING -> putText(target, tag, vr, values);
                    case INTEGER ->
                        target.putLongs(
                                tag,
                                vr,
                                values.stream()
                                        .mapToLong(v -> v.isNumber()
                                                ? v.longValue()
                                                : Long.parseUnsignedLong(
                                                        v.asText().strip()))
                                        .toArray());
                    case TAG ->
                        target.putLongs(
                                tag,
                                vr,
                                values.stream()
                                        .mapToLong(v -> Long.parseLong(v.asText(), 16))
                                        .toArray());
                    case FLOAT ->
                        target.putDoubles(
                                tag,
                                vr,
                                values.stream()
                                        .mapToDouble(InstanceDataset::floating)
                                        .toArray());
                    case BYTES ->
                        target.put(
                                value.isArray()
                                        ? Element.of(tag, vr, fragments(values))
                                        : Element.of(
                                                tag, vr, Base64.getDecoder().decode(value.asText())));
                    case SEQUENCE -> throw new AssertionError("handled above");
                }
            } catch (IllegalArgumentException doesNotFitItsVr) {
                target.put(Element.of(
                        tag,
                        VR.UN,
                        (value.isTextual() ? value.asText() : value.toString()).getBytes(StandardCharsets.UTF_8)));
            }
        }

        /** An encapsulated icon as {@link AttributeWriter} holds it: its Basic Offset Table, then its fragments. */
        private static Fragments fragments(List<JsonNode> values) {
            ByteBuffer table = ByteBuffer.wrap(
                            Base64.getDecoder().decode(values.get(0).asText()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            long[] offsets = new long[table.remaining() / 4];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = Integer.toUnsignedLong(table.getInt());
            }
            List<BulkData> items = values.subList(1, values.size()).stream()
                    .map(item -> BulkData.of(Base64.getDecoder().decode(item.asText())))
                    .toList();
            return new Fragments(offsets, items);
        }

        private void putText(Dataset target, int tag, VR vr, List<JsonNode> values) {
            String[] strings =
                    values.stream().map(v -> v.isNull() ? "" : v.asText()).toArray(String[]::new);
            try {
                target.putStrings(tag, vr, strings);
            } catch (IllegalArgumentException e) {
                if (!(e.getCause() instanceof CharacterCodingException)) {
                    throw e;
                }
                if (!vr.usesSpecificCharacterSet() && tag != Tag.SpecificCharacterSet) {
                    // A CS, DA, UI... value with characters outside the default repertoire (a file that wrote its
                    // Patient Sex in GB18030): the document decoded it with the instance's character set, so it is
                    // encoded back with it, which gives its bytes back.
                    putInCharacterSet(target, tag, vr, String.join("\\", strings));
                } else if (!utf8) {
                    throw new Unencodable();
                } else {
                    throw e;
                }
            }
        }

        private void putInCharacterSet(Dataset target, int tag, VR vr, String text) {
            try {
                target.put(Element.of(tag, vr, target.specificCharacterSet().encode(text)));
            } catch (CharacterCodingException e) {
                if (!utf8) {
                    throw new Unencodable();
                }
                throw new IllegalArgumentException("'" + text + "' has characters outside UTF-8", e);
            }
        }

        /** A UN element the document holds as the text of its dictionary VR: the text's bytes, VR kept UN. */
        private void putTextAsUn(Dataset target, int tag, VR textVr, List<JsonNode> values) {
            putText(target, tag, textVr, values);
            target.put(Element.of(tag, VR.UN, target.get(tag).bytes()));
        }

        private void putSequence(Dataset target, String itemPath, int tag, JsonNode value) {
            Sequence items = target.putSequence(tag);
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                Dataset dataset = items.addItem();
                String path = AttributeKeys.itemPath(itemPath, tag, i);
                if (item.has("SpecificCharacterSet")) {
                    if (utf8) {
                        dataset.putStrings(Tag.SpecificCharacterSet, VR.CS, UTF_8);
                    } else {
                        put(dataset, path, Tag.SpecificCharacterSet, item.get("SpecificCharacterSet"));
                    }
                }
                item.properties()
                        .forEach(attribute -> AttributeKeys.tagOf(attribute.getKey())
                                .ifPresent(itemTag -> {
                                    if (itemTag != Tag.SpecificCharacterSet) {
                                        put(dataset, path, itemTag, attribute.getValue());
                                    }
                                }));
            }
        }
    }

    private static double floating(JsonNode value) {
        return value.isNumber()
                ? value.doubleValue()
                : switch (value.asText()) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(value.asText());
                };
    }
}
