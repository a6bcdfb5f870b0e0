package org.openahi.dicom.dict;

import java.util.List;
import org.openahi.dicom.VR;

/**
 * One data element of the dictionary. {@code vrs} lists the allowed VRs in the standard's order ({@code US or SS}
 * gives two); it is empty for items and delimiters, which have no VR.
 */
public record DictionaryEntry(int tag, String keyword, List<VR> vrs, ValueMultiplicity vm, boolean retired) {

    public DictionaryEntry {
        vrs = List.copyOf(vrs);
    }

    /** The VR used when the encoding does not say (Implicit VR): the first allowed one, or {@code null}. */
    public VR vr() {
        return vrs.isEmpty() ? null : vrs.get(0);
    }

    /** True when the standard allows several VRs, e.g. {@code US or SS}, {@code OB or OW}. */
    public boolean vrAmbiguous() {
        return vrs.size() > 1;
    }
}
