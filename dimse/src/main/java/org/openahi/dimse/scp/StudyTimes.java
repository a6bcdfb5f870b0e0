package org.openahi.dimse.scp;

import java.util.Optional;
import java.util.regex.Pattern;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.imageset.QidoQuery;

/**
 * Study Time matching (PS3.4 C.2.2.2.5): a time or a range {@code a-b}, {@code -b}, {@code a-}, each {@code HH},
 * {@code HHMM}, {@code HHMMSS} or {@code HHMMSS.F...}. As index values compare as text, an end is widened to the last
 * time its precision names ({@code 10} ends at {@code 105959.999999}); a single time is the range of its precision.
 */
final class StudyTimes {
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3])([0-5][0-9]([0-5][0-9](\\.[0-9]{1,6})?)?)?");

    private StudyTimes() {}

    static QidoQuery.InRange range(String value) {
        int dash = value.indexOf('-');
        String from = dash < 0 ? value : value.substring(0, dash).strip();
        String to = dash < 0 ? value : value.substring(dash + 1).strip();
        if (from.isEmpty() && to.isEmpty()) {
            throw new InvalidRequest("Study Time range '" + value + "' names no time");
        }
        return new QidoQuery.InRange(
                QidoQuery.Key.STUDY_TIME,
                from.isEmpty() ? Optional.empty() : Optional.of(checked(from)),
                to.isEmpty() ? Optional.empty() : Optional.of(endOf(checked(to))));
    }

    private static String checked(String time) {
        if (!TIME.matcher(time).matches()) {
            throw new InvalidRequest("Study Time '" + time + "' is not a time (HHMMSS.FFFFFF)");
        }
        return time;
    }

    /** The last time the value's precision names. */
    private static String endOf(String time) {
        String whole = time.length() >= 6 ? time : time + "5959".substring(time.length() - 2);
        if (!whole.contains(".")) {
            whole += ".";
        }
        return (whole + "999999").substring(0, 13);
    }
}
