package org.openahi.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;
import org.openahi.dicom.dict.Tag;

/**
 * One instance of a metadata document rebuilt as DICOM data sets, for DICOMweb: its File Meta and its data set
 * (Patient, Study, Series and instance attributes merged), with the ids of its stored frames in order. The
 * document holds text decoded, so text is encoded again as UTF-8 under Specific Character Set ISO_IR 192 (the
 * characters are the original ones; their bytes may differ from the original file's). VRs come from the
 * instance's {@code DICOMVRs} for private and ambiguous attributes, else from the dictionary; a private attribute
 * inside a sequence item, whose VR the document does not record, becomes UN holding its value's bytes. Pixel
 * Data is not in the data set: its frames are {@code frames}.
 */
public record InstanceDataset(Dataset fileMeta, Dataset dataset, StoredFrames frames) {
  private static final String UTF_8 = "ISO_IR 192";

  /**
   * The instance {@code sopInstanceUid} of series {@code seriesInstanceUid} in the document; NotFound when the
   * document has no such instance.
   */
  public static InstanceDataset of(JsonNode document, String seriesInstanceUid, String sopInstanceUid) {
    JsonNode series = document.path("Study").path("Series").path(seriesInstanceUid);
    JsonNode instance = StoredFrames.instance(document, seriesInstanceUid, sopInstanceUid);
    Map<String, String> vrs = new HashMap<>();
    instance.path("DICOMVRs").properties().forEach(entry -> vrs.put(entry.getKey(), entry.getValue().asText()));
    Dataset fileMeta = new Dataset();
    Dataset dataset = new Dataset();
    dataset.putStrings(Tag.SpecificCharacterSet, VR.CS, UTF_8);
    JsonNode attributes = instance.path("DICOM");
    for (JsonNode level : List.of(document.path("Patient").path("DICOM"), document.path("Study").path("DICOM"),
        series.path("DICOM"), attributes)) {
      for (Map.Entry<String, JsonNode> attribute : level.properties()) {
        int tag = tagOf(attribute.getKey());
        if (tag == Tag.SpecificCharacterSet || tag == Tag.PixelData || tag == 0x7FE00008 || tag == 0x7FE00009) {
          continue;
        }
        Dataset target = (tag >>> 16) == 0x0002 ? fileMeta : dataset;
        if (tag == Tag.FileMetaInformationGroupLength) {
          continue;
        }
        put(target, tag, vrOf(tag, vrs), attribute.getValue());
      }
    }
    StoredFrames frames = StoredFrames.of(instance);
    fileMeta.putStrings(Tag.TransferSyntaxUID, VR.UI, frames.transferSyntaxUid());
    return new InstanceDataset(fileMeta, dataset, frames);
  }

  /** The instance's SOP Class UID, read without rebuilding its attributes; NotFound as {@link #of}. */
  public static String sopClassUid(JsonNode document, String seriesInstanceUid, String sopInstanceUid) {
    return StoredFrames.instance(document, seriesInstanceUid, sopInstanceUid).path("DICOM").path("SOPClassUID")
        .asText();
  }

  /** The SOP Instance UIDs of the series in the document, in the document's order. */
  public static List<String> instanceUids(JsonNode document, String seriesInstanceUid) {
    List<String> uids = new ArrayList<>();
    Iterator<String> names = document.path("Study").path("Series").path(seriesInstanceUid).path("Instances")
        .fieldNames();
    names.forEachRemaining(uids::add);
    return uids;
  }

  private static int tagOf(String key) {
    if (key.length() == 8 && key.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return Integer.parseUnsignedInt(key, 16);
    }
    DictionaryEntry entry = Dictionary.forKeyword(key);
    if (entry == null) {
      throw new IllegalStateException("Metadata document has an attribute with no tag: " + key);
    }
    return entry.tag();
  }

  private static VR vrOf(int tag, Map<String, String> recorded) {
    String vr = recorded == null ? null : recorded.get(String.format("%08X", tag));
    if (vr != null) {
      return VR.valueOf(vr);
    }
    DictionaryEntry entry = Dictionary.entry(tag);
    return entry == null ? VR.UN : entry.vr();
  }

  private static void put(Dataset target, int tag, VR vr, JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      target.put(Element.of(tag, vr, new byte[0]));
      return;
    }
    List<JsonNode> values = new ArrayList<>();
    if (value.isArray() && vr != VR.SQ) {
      value.forEach(values::add);
    } else {
      values.add(value);
    }
    switch (vr.kind()) {
      case SEQUENCE -> {
        Sequence items = target.putSequence(tag);
        for (JsonNode item : value) {
          Dataset dataset = items.addItem();
          item.properties().forEach(attribute -> {
            int itemTag = tagOf(attribute.getKey());
            put(dataset, itemTag, vrOf(itemTag, null), attribute.getValue());
          });
        }
      }
      case TEXT, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING ->
          target.putStrings(tag, vr, values.stream().map(JsonNode::asText).toArray(String[]::new));
      case INTEGER -> target.putLongs(tag, vr, values.stream().mapToLong(v -> v.isNumber() ? v.longValue()
          : Long.parseUnsignedLong(v.asText())).toArray());
      case TAG -> target.putLongs(tag, vr, values.stream().mapToLong(v -> Long.parseLong(v.asText(), 16)).toArray());
      case FLOAT -> target.putDoubles(tag, vr, values.stream().mapToDouble(InstanceDataset::floating).toArray());
      case BYTES -> target.put(Element.of(tag, vr, bytes(value)));
    }
  }

  private static double floating(JsonNode value) {
    return value.isNumber() ? value.doubleValue() : switch (value.asText()) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value.asText());
    };
  }

  /** Binary values are base64 in the document; a value of unknown VR (not recorded) keeps its text's bytes. */
  private static byte[] bytes(JsonNode value) {
    if (value.isTextual()) {
      try {
        return Base64.getDecoder().decode(value.asText());
      } catch (IllegalArgumentException notBase64) {
        return value.asText().getBytes(StandardCharsets.UTF_8);
      }
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }
}
