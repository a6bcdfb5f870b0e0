package org.openahi.dicom;

/**
 * One Person Name value split into its component groups (PS3.5 §6.2.1): alphabetic, ideographic and phonetic,
 * each still holding its {@code ^}-separated components. Absent groups are empty strings.
 */
public record PersonName(String alphabetic, String ideographic, String phonetic) {

    /** Splits a decoded value at {@code =}. */
    public static PersonName parse(String value) {
        String[] groups = value.split("=", -1);
        return new PersonName(groups[0], groups.length > 1 ? groups[1] : "", groups.length > 2 ? groups[2] : "");
    }

    /** The value as encoded: groups joined by {@code =}, trailing empty groups left out. */
    @Override
    public String toString() {
        if (!phonetic.isEmpty()) {
            return alphabetic + "=" + ideographic + "=" + phonetic;
        }
        return ideographic.isEmpty() ? alphabetic : alphabetic + "=" + ideographic;
    }
}
