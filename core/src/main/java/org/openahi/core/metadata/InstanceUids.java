package org.openahi.core.metadata;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for the Study, Series and SOP Instance UIDs openahi stores: a UID as PS3.5 §9.1 writes it, numeric
 * components separated by dots (padding around it aside). AHI's API carries Study and Series Instance UIDs with the
 * pattern {@code [0-9.]+}, and DICOMweb puts all three in URL paths, so a value that is not a UID ("REM SAMPLES 1",
 * a hash, "..") is refused where it would enter: an import, STOW-RS, an update (even forced). See docs/decisions.md.
 */
public final class InstanceUids {
    /** The keywords of the UIDs the rule applies to. */
    public static final Set<String> KEYWORDS = Set.of("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID");

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private InstanceUids() {}

    /** Why {@code value} (padding removed) cannot be the attribute {@code keyword}, or empty when it can. */
    public static Optional<String> problem(String keyword, String value) {
        if (UID.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of("DICOM attribute " + keyword + " is not a UID: '" + value
                + "' (a UID is numbers separated by" + " dots, PS3.5 section 9.1)");
    }
}
