package org.openahi.core.metadata;

/**
 * Study Date (yyyyMMdd) and Study Time (HHmmss.FFFFFF, any prefix of it) as one sortable number,
 * yyyyMMddHHmmssSSS; 0 when the date is missing or malformed. Missing time parts count as zero.
 */
public final class StudyDateTime {
    private StudyDateTime() {}

    public static long key(String date, String time) {
        if (date == null || !date.strip().matches("\\d{8}")) {
            return 0;
        }
        String digits = time == null ? "" : time.strip().replace(":", "");
        StringBuilder clock = new StringBuilder(9);
        for (int i = 0; i < digits.length() && clock.length() < 6; i++) {
            char c = digits.charAt(i);
            if (!Character.isDigit(c)) {
                break;
            }
            clock.append(c);
        }
        while (clock.length() < 6) {
            clock.append('0');
        }
        int dot = digits.indexOf('.');
        String millis =
                dot >= 0 && clock.length() == 6 ? digits.substring(dot + 1).replaceAll("\\D.*", "") : "";
        clock.append((millis + "000").substring(0, 3));
        return Long.parseLong(date.strip() + clock);
    }
}
