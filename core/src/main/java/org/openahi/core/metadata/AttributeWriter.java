package org.openahi.core.metadata;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;
import java.util.function.IntPredicate;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;

/**
 * Writes DICOM attributes the way AHI's metadata documents hold them (not PS3.18 DICOM JSON): keyed as
 * {@link AttributeKeys} says, text as decoded strings with their padding (trailing NULs, which PS3.5 allows only
 * after a UID, are dropped from UIDs and become the space padding of other text), binary numbers as JSON numbers,
 * attributes whose dictionary multiplicity allows several values as arrays, binary values as base64, sequences as
 * arrays of objects keyed the same way, empty values (empty sequences included) as null and the top-level Pixel Data
 * as a null placeholder (its frames are in {@code ImageFrames}; an icon's Pixel Data inside an item is kept as
 * base64, an encapsulated one as an array of its offset table and fragments). A UN element of an attribute the dictionary knows as text (files that give every element VR UN) is
 * written as that text, so the image set's identity and summaries read it; its VR UN is recorded.
 */
final class AttributeWriter {
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    private static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;

    private AttributeWriter() {}

    /**
     * Writes the elements of {@code dataset} that {@code include} accepts as fields of the current object, and
     * records in {@code vrs} the VR of each element, at any depth, whose VR the document records
     * ({@link AttributeKeys#recordsVr}).
     */
    static void writeElements(JsonGenerator json, Dataset dataset, IntPredicate include, Map<String, String> vrs)
            throws IOException {
        writeElements(json, dataset, include, vrs, "");
    }

    private static void writeElements(
            JsonGenerator json, Dataset dataset, IntPredicate include, Map<String, String> vrs, String itemPath)
            throws IOException {
        for (Element element : dataset) {
            if (!include.test(element.tag())) {
                continue;
            }
            json.writeFieldName(AttributeKeys.key(element.tag()));
            if (AttributeKeys.recordsVr(element)) {
                vrs.put(
                        AttributeKeys.vrKey(itemPath, element.tag()),
                        element.vr().name());
            }
            writeValue(json, element, dataset, vrs, itemPath);
        }
    }

    private static void writeValue(
            JsonGenerator json, Element element, Dataset dataset, Map<String, String> vrs, String itemPath)
            throws IOException {
        int tag = element.tag();
        boolean pixelData = tag == PIXEL_DATA || tag == FLOAT_PIXEL_DATA || tag == DOUBLE_FLOAT_PIXEL_DATA;
        if (pixelData && itemPath.isEmpty() || element.isEmpty()) {
            json.writeNull();
            return;
        }
        DictionaryEntry entry = Dictionary.entry(tag);
        boolean arrayByDictionary =
                entry != null && entry.tag() == tag && entry.vm().allowsMultiple();
        VR textOfUn = AttributeKeys.textVrOfUn(element);
        if (textOfUn != null) {
            writeText(json, element, textOfUn, dataset, arrayByDictionary);
            return;
        }
        switch (element.vr().kind()) {
            case SEQUENCE -> {
                json.writeStartArray();
                for (int i = 0; i < element.items().size(); i++) {
                    json.writeStartObject();
                    writeElements(
                            json, element.items().get(i), t -> true, vrs, AttributeKeys.itemPath(itemPath, tag, i));
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            case TAG -> {
                json.writeStartArray();
                for (long value : element.longs()) {
                    json.writeString(String.format("%08X", value));
                }
                json.writeEndArray();
            }
            case TEXT, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING ->
                writeText(json, element, element.vr(), dataset, arrayByDictionary);
            case INTEGER, FLOAT -> writeNumbers(json, element, arrayByDictionary);
            case BYTES -> {
                if (element.isEncapsulated()) {
                    writeFragments(json, element.fragments());
                } else {
                    json.writeString(Base64.getEncoder()
                            .encodeToString(element.bulkData().readAllBytes()));
                }
            }
        }
    }

    /**
     * An encapsulated icon (Icon Image Sequence in a compressed instance) as an array of base64 values: its Basic
     * Offset Table (4 bytes per offset, little-endian), then each fragment; the array tells it from a native icon.
     */
    private static void writeFragments(JsonGenerator json, Fragments fragments) throws IOException {
        long[] offsets = fragments.basicOffsetTable();
        ByteBuffer table = ByteBuffer.allocate(4 * offsets.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long offset : offsets) {
            table.putInt((int) offset);
        }
        json.writeStartArray();
        json.writeString(Base64.getEncoder().encodeToString(table.array()));
        for (BulkData item : fragments.items()) {
            json.writeString(Base64.getEncoder().encodeToString(item.readAllBytes()));
        }
        json.writeEndArray();
    }

    /** Text of {@code vr}: an element of that VR, or a UN element of an attribute the dictionary knows as text. */
    private static void writeText(
            JsonGenerator json, Element element, VR vr, Dataset dataset, boolean arrayByDictionary) throws IOException {
        String raw = nulPaddingAsPs35(dataset.specificCharacterSet().decode(element.bytes()), vr);
        if (!vr.multiValued()) {
            json.writeString(raw);
            return;
        }
        String[] values = raw.split("\\\\", -1);
        if (!arrayByDictionary && values.length == 1) {
            json.writeString(values[0]);
            return;
        }
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeNumbers(JsonGenerator json, Element element, boolean arrayByDictionary)
            throws IOException {
        boolean floating = element.vr() == VR.FL || element.vr() == VR.FD;
        long[] longs = floating ? null : element.longs();
        double[] doubles = floating ? element.doubles() : null;
        int count = floating ? doubles.length : longs.length;
        boolean array = arrayByDictionary || count > 1;
        if (array) {
            json.writeStartArray();
        }
        for (int i = 0; i < count; i++) {
            if (floating) {
                writeFloating(json, doubles[i], element.vr() == VR.FL);
            } else if (element.vr() == VR.UV && longs[i] < 0) {
                json.writeNumber(Long.toUnsignedString(longs[i]));
            } else {
                json.writeNumber(longs[i]);
            }
        }
        if (array) {
            json.writeEndArray();
        }
    }

    /**
     * FL values are written as the shortest decimal that reads back as the same 32-bit float ("-19.4", not its
     * double expansion). JSON has no NaN or infinities; they are written as the strings DICOM JSON uses.
     */
    private static void writeFloating(JsonGenerator json, double value, boolean singlePrecision) throws IOException {
        if (Double.isFinite(value)) {
            if (singlePrecision) {
                json.writeNumber((float) value);
            } else {
                json.writeNumber(value);
            }
        } else {
            json.writeString(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    /** Trailing NULs are padding: a UID's own (dropped, as AHI shows UIDs), else written as PS3.5's spaces. */
    private static String nulPaddingAsPs35(String text, VR vr) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\0') {
            end--;
        }
        if (end == text.length()) {
            return text;
        }
        return vr == VR.UI ? text.substring(0, end) : text.substring(0, end) + " ".repeat(text.length() - end);
    }
}
