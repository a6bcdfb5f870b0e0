package org.openahi.core.metadata;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.function.IntPredicate;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;
import org.openahi.dicom.dict.Tag;

/**
 * Writes DICOM attributes the way AHI's metadata documents hold them (not PS3.18 DICOM JSON): keyed by
 * keyword (private and unknown attributes by their 8-digit tag), text as decoded strings with their padding,
 * binary numbers as JSON numbers, attributes whose dictionary multiplicity allows several values as arrays,
 * binary values as base64, sequences as arrays of keyword-keyed objects, empty values as null and Pixel Data
 * as a null placeholder (its frames are in {@code ImageFrames}).
 */
final class AttributeWriter {
  private static final int PIXEL_DATA = 0x7FE00010;
  private static final DictionaryEntry FILE_META_GROUP_LENGTH = Dictionary.forKeyword("FileMetaInformationGroupLength");
  private static final int FLOAT_PIXEL_DATA = 0x7FE00008;
  private static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;

  private AttributeWriter() {
  }

  /**
   * Writes the elements of {@code dataset} that {@code include} accepts as fields of the current object, and
   * records in {@code vrs} (when not null) the VR of each private, unknown or ambiguous-VR attribute.
   */
  static void writeElements(JsonGenerator json, Dataset dataset, IntPredicate include, Map<String, String> vrs)
      throws IOException {
    for (Element element : dataset) {
      if (!include.test(element.tag())) {
        continue;
      }
      DictionaryEntry entry = standardEntry(element.tag());
      String hexTag = String.format("%08X", element.tag());
      json.writeFieldName(entry == null ? hexTag : entry.keyword());
      if (vrs != null && (entry == null || entry.vrAmbiguous())) {
        vrs.put(hexTag, element.vr().name());
      }
      writeValue(json, element, dataset, entry);
    }
  }

  /**
   * The dictionary entry that names a standard attribute, or null for private attributes (odd groups, private
   * creators included) and group lengths other than the File Meta's, which are keyed by their tag.
   */
  private static DictionaryEntry standardEntry(int tag) {
    int group = tag >>> 16;
    if ((group & 1) == 1) {
      return null;
    }
    if ((tag & 0xffff) == 0) {
      return tag == Tag.FileMetaInformationGroupLength ? FILE_META_GROUP_LENGTH : null;
    }
    return Dictionary.entry(tag);
  }

  private static void writeValue(JsonGenerator json, Element element, Dataset dataset, DictionaryEntry entry)
      throws IOException {
    int tag = element.tag();
    if (tag == PIXEL_DATA || tag == FLOAT_PIXEL_DATA || tag == DOUBLE_FLOAT_PIXEL_DATA || element.isEmpty()) {
      json.writeNull();
      return;
    }
    boolean arrayByDictionary = entry != null && entry.vm().allowsMultiple();
    switch (element.vr().kind()) {
      case SEQUENCE -> {
        json.writeStartArray();
        for (Dataset item : element.items()) {
          json.writeStartObject();
          writeElements(json, item, t -> true, null);
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
      case TEXT, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING -> writeText(json, element, dataset, arrayByDictionary);
      case INTEGER, FLOAT -> writeNumbers(json, element, arrayByDictionary);
      case BYTES -> json.writeString(Base64.getEncoder().encodeToString(element.bulkData().readAllBytes()));
    }
  }

  private static void writeText(JsonGenerator json, Element element, Dataset dataset, boolean arrayByDictionary)
      throws IOException {
    String raw = dataset.specificCharacterSet().decode(element.bytes());
    if (element.vr() == VR.UI) {
      raw = stripTrailingNul(raw);
    }
    if (!element.vr().multiValued()) {
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

  private static void writeNumbers(JsonGenerator json, Element element, boolean arrayByDictionary) throws IOException {
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

  private static String stripTrailingNul(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\0') {
      end--;
    }
    return text.substring(0, end);
  }
}
