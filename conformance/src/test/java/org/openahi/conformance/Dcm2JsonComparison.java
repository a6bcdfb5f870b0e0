package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.Tag;
import org.openahi.testing.Oracles;

/**
 * Compares an instance of an AHI metadata document with DCMTK's {@code dcm2json} output for its source file:
 * every top-level attribute with a value in dcm2json's PS3.18 JSON must hold the same values in the document
 * (text trimmed, numbers as numbers, person names by their alphabetic group). Specific Character Set is not
 * compared: dcm2json rewrites it when it converts text to UTF-8.
 */
final class Dcm2JsonComparison {
  /**
   * JSON numbers compare by value (dcm2json writes FD 0 as {@code 0}, the DICOM JSON writer as {@code 0.0}), or as
   * 32-bit floats: dcm2json expands FL values to 9 digits ({@code -19.3999996}), the writer gives the shortest
   * decimal that reads back as the same float ({@code -19.4}).
   */
  private static final Comparator<JsonNode> SAME_NUMBER = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0 || (float) a.doubleValue() == (float) b.doubleValue()
          ? 0 : 1;
    }
    return a.equals(b) ? 0 : 1;
  };

  private Dcm2JsonComparison() {
  }

  /** Returns how many attribute values were compared. */
  static int compare(Path source, JsonNode document, JsonNode instance) throws Exception {
    JsonNode dcmtk = Imports.JSON.readTree(Oracles.runOk(List.of("dcm2json", source.toString())));
    List<JsonNode> levels = List.of(instance.path("DICOM"), document.at("/Patient/DICOM"), document.at("/Study/DICOM"),
        document.path("Study").path("Series").elements().next().path("DICOM"));
    int compared = 0;
    for (Map.Entry<String, JsonNode> attribute : (Iterable<Map.Entry<String, JsonNode>>) dcmtk::fields) {
      int tag = Integer.parseUnsignedInt(attribute.getKey(), 16);
      JsonNode values = attribute.getValue().path("Value");
      String vr = attribute.getValue().path("vr").asText();
      // dcm2json rewrites Specific Character Set to ISO_IR 192 when it converts text to UTF-8.
      if (values.isMissingNode() || vr.equals("SQ") || (tag & 0xffff) == 0 || tag == Tag.SpecificCharacterSet) {
        continue;
      }
      boolean privateTag = ((tag >>> 16) & 1) == 1;
      String key = privateTag || Dictionary.entry(tag) == null ? attribute.getKey() : Dictionary.keyword(tag);
      JsonNode ours = levels.stream().filter(level -> level.has(key)).map(level -> level.get(key)).findFirst()
          .orElseThrow(() -> new AssertionError(key + " is in dcm2json's output but not in the document"));
      List<String> expected = new ArrayList<>();
      // dcm2json writes an empty value among several as null.
      values.forEach(v -> expected.add(v.isNull() ? "" : vr.equals("PN") ? v.path("Alphabetic").asText() : v.asText()));
      List<String> actual = new ArrayList<>();
      (ours.isArray() ? ours : List.of(ours)).forEach(v -> actual.add(v.asText()));
      assertThat(normalised(actual, vr)).as(key).isEqualTo(normalised(expected, vr));
      compared++;
    }
    return compared;
  }

  /** Numbers in one canonical form; a value that is not a number (a private VR DCMTK guessed) stays as text. */
  private static List<String> normalised(List<String> values, String vr) {
    return values.stream().map(String::strip).map(v -> {
      try {
        return switch (vr) {
          case "FL" -> Float.toString(Float.parseFloat(v));
          case "DS", "FD" -> Double.toString(Double.parseDouble(v));
          case "IS", "SL", "SS", "UL", "US" -> Long.toString(Long.parseLong(v));
          default -> v;
        };
      } catch (NumberFormatException notANumber) {
        return v;
      }
    }).toList();
  }

  /**
   * Compares PS3.18 DICOM JSON with dcm2json's for the source file: every attribute dcm2json writes (sequences
   * included) but the File Meta, Specific Character Set (dcm2json rewrites it), group lengths and Pixel Data is
   * present with the same VR and value. Returns how many attributes were compared.
   */
  static int compareDicomJson(Path source, JsonNode ours) throws Exception {
    JsonNode dcmtk = Imports.JSON.readTree(Oracles.runOk(List.of("dcm2json", source.toString())));
    int compared = 0;
    for (Map.Entry<String, JsonNode> attribute : (Iterable<Map.Entry<String, JsonNode>>) dcmtk::fields) {
      int tag = Integer.parseUnsignedInt(attribute.getKey(), 16);
      if ((tag >>> 16) == 0x0002 || (tag & 0xffff) == 0 || tag == Tag.SpecificCharacterSet || tag == Tag.PixelData) {
        continue;
      }
      JsonNode value = ours.get(attribute.getKey());
      assertThat(value != null && value.equals(SAME_NUMBER, attribute.getValue()))
          .as(source.getFileName() + " " + attribute.getKey() + ": ours " + value + ", dcm2json " + attribute.getValue())
          .isTrue();
      compared++;
    }
    return compared;
  }
}
