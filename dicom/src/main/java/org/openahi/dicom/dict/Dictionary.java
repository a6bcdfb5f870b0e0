package org.openahi.dicom.dict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;

/**
 * Looks up the standard data element dictionary (PS3.6), generated into {@link DictionaryData}. Repeating groups
 * (50xx, 60xx, 7Fxx and the retired masked tags) resolve for every member; group lengths {@code (gggg,0000)} and
 * private creators {@code (gggg,0010-00FF)} get the entries PS3.5 §7 defines for them; other private tags are unknown.
 */
public final class Dictionary {

    private static final DictionaryEntry GROUP_LENGTH =
            new DictionaryEntry(0, "GroupLength", List.of(VR.UL), ValueMultiplicity.parse("1"), false);
    private static final DictionaryEntry PRIVATE_CREATOR =
            new DictionaryEntry(0, "PrivateCreator", List.of(VR.LO), ValueMultiplicity.parse("1"), false);

    private Dictionary() {}

    /** The entry for this tag, or {@code null} when the standard does not define it (e.g. a private element). */
    public static DictionaryEntry entry(int tag) {
        if (Tags.isGroupLength(tag)) {
            return GROUP_LENGTH;
        }
        if (Tags.isPrivate(tag)) {
            return Tags.isPrivateCreator(tag) ? PRIVATE_CREATOR : null;
        }
        DictionaryEntry exact = Table.BY_TAG.get(tag);
        if (exact != null) {
            return exact;
        }
        for (Masked m : Table.MASKED) {
            if ((tag & m.mask) == m.value) {
                return m.entry;
            }
        }
        return null;
    }

    /** The keyword of the tag ({@code PatientName}), or {@code null} when the standard does not define the tag. */
    public static String keyword(int tag) {
        DictionaryEntry e = entry(tag);
        return e == null ? null : e.keyword();
    }

    /** The entry with this keyword, or {@code null}. Repeating groups answer with their first member's tag. */
    public static DictionaryEntry forKeyword(String keyword) {
        return Table.BY_KEYWORD.get(keyword);
    }

    /** The VR an Implicit VR reader assumes for the tag: the dictionary's first VR, UN when unknown. */
    public static VR implicitVr(int tag) {
        DictionaryEntry e = entry(tag);
        VR vr = e == null ? null : e.vr();
        return vr == null ? VR.UN : vr;
    }

    private record Masked(int value, int mask, DictionaryEntry entry) {}

    /** Parsed on first use. */
    private static final class Table {
        static final Map<Integer, DictionaryEntry> BY_TAG = new HashMap<>(8192);
        static final Map<String, DictionaryEntry> BY_KEYWORD = new HashMap<>(8192);
        static final List<Masked> MASKED = new ArrayList<>();

        static {
            for (String chunk : DictionaryData.CHUNKS) {
                for (String line : chunk.split("\n")) {
                    add(line.split(" "));
                }
            }
        }

        private static void add(String[] f) {
            String pattern = f[0];
            int value = (int) Long.parseLong(pattern.replace('x', '0'), 16);
            List<VR> vrs = new ArrayList<>();
            if (!"NONE".equals(f[1])) {
                for (String vr : f[1].split("/")) {
                    vrs.add(VR.valueOf(vr));
                }
            }
            DictionaryEntry entry = new DictionaryEntry(
                    value, f[3], vrs, ValueMultiplicity.parse(f[2]), f.length > 4 && "R".equals(f[4]));
            BY_KEYWORD.put(entry.keyword(), entry);
            if (pattern.indexOf('x') < 0) {
                BY_TAG.put(value, entry);
                return;
            }
            int mask = 0;
            for (int i = 0; i < 8; i++) {
                mask = mask << 4 | (pattern.charAt(i) == 'x' ? 0 : 0xF);
            }
            MASKED.add(new Masked(value, mask, entry));
        }
    }
}
