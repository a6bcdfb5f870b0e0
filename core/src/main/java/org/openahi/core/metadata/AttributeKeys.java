package org.openahi.core.metadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.dicom.Element;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;
import org.openahi.dicom.dict.Tag;

/**
 * How a metadata document names an attribute and when it records its VR, the one rule its writer and its readers
 * share. An attribute is keyed by its keyword when the keyword names exactly its tag; otherwise (private attributes,
 * group lengths, tags the standard does not define, and repeating-group members other than the first, such as
 * overlay group 6002, whose keyword names group 6000) by its tag as eight hex digits. {@code DICOMVRs} records the
 * VR of every hex-keyed attribute (as AHI does), of every attribute whose dictionary VR is ambiguous ("US or SS",
 * "OB or OW"), and of every attribute whose VR differs from the dictionary's, keyed by its {@linkplain #vrKey
 * path}, so that rebuilding the instance gives every element the VR its file gave it.
 */
public final class AttributeKeys {
    private static final String FILE_META_GROUP_LENGTH = "FileMetaInformationGroupLength";

    private AttributeKeys() {}

    /** The document key of a tag. */
    public static String key(int tag) {
        if (tag == Tag.FileMetaInformationGroupLength) {
            return FILE_META_GROUP_LENGTH;
        }
        if (!Tags.isPrivate(tag) && !Tags.isGroupLength(tag)) {
            DictionaryEntry entry = Dictionary.entry(tag);
            if (entry != null && entry.tag() == tag) {
                return entry.keyword();
            }
        }
        return Tags.hex(tag);
    }

    /** The tag a document key names; empty for a key that is neither a keyword nor a tag. */
    public static Optional<Integer> tagOf(String key) {
        if (isHexTag(key)) {
            return Optional.of((int) Tags.parseHex(key));
        }
        DictionaryEntry entry = Dictionary.forKeyword(key);
        return entry == null ? Optional.empty() : Optional.of(entry.tag());
    }

    /** Whether the key is a tag in eight hex digits. */
    public static boolean isHexTag(String key) {
        return key.length() == 8 && key.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * The {@code DICOMVRs} key of an element: its tag in hex at the top level; inside a sequence item, the path of
     * tags and item numbers (from 0) joined by '.', e.g. {@code 00081140.0.00291010}, as bulk data URIs name it.
     *
     * @param itemPath the path of the item holding the element ("" at the top level, else ending in '.')
     */
    public static String vrKey(String itemPath, int tag) {
        return itemPath + Tags.hex(tag);
    }

    /** The item path of item {@code index} of the sequence {@code tag} at {@code itemPath}. */
    public static String itemPath(String itemPath, int tag, int index) {
        return itemPath + Tags.hex(tag) + "." + index + ".";
    }

    /** Whether the document records the element's VR (otherwise the dictionary gives it). */
    public static boolean recordsVr(Element element) {
        return isHexTag(key(element.tag())) || element.vr() != dictionaryVr(element.tag());
    }

    /**
     * The dictionary's text VR of a UN element whose attribute the dictionary knows as text (its bytes are that text:
     * the document holds them as text), else null.
     */
    public static VR textVrOfUn(Element element) {
        return textVrOfUn(element.tag(), element.vr());
    }

    /** As {@link #textVrOfUn(Element)}, for an element read back with VR {@code vr}. */
    public static VR textVrOfUn(int tag, VR vr) {
        if (vr != VR.UN) {
            return null;
        }
        VR known = unrecordedVr(tag);
        return known.isText() ? known : null;
    }

    /** The element's VR as its instance's {@code DICOMVRs} records it, else as {@link #unrecordedVr}. */
    public static VR vr(Map<String, String> recorded, String itemPath, int tag) {
        String vr = recorded.get(vrKey(itemPath, tag));
        if (vr != null) {
            try {
                return VR.valueOf(vr);
            } catch (IllegalArgumentException notAVr) {
                // An edit with force may record anything; the dictionary decides then.
            }
        }
        return unrecordedVr(tag);
    }

    /**
     * The VR of an attribute whose VR the document does not record: the dictionary's; its first when the standard
     * allows several (documents written before VRs were recorded); UN for attributes the dictionary does not know.
     */
    public static VR unrecordedVr(int tag) {
        DictionaryEntry entry = Dictionary.entry(tag);
        return entry == null || entry.vrs().isEmpty() ? VR.UN : entry.vrs().get(0);
    }

    /** The dictionary's VR when it is the only one the standard allows, else null. */
    private static VR dictionaryVr(int tag) {
        DictionaryEntry entry = Dictionary.entry(tag);
        List<VR> vrs = entry == null ? List.of() : entry.vrs();
        return vrs.size() == 1 ? vrs.get(0) : null;
    }
}
