package org.openahi.core.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * AHI's length limits on the attributes its search summaries carry (the model's {@code DICOMTags}). An import
 * refuses an instance that exceeds one, and an update may not exceed one even with {@code force}: a summary the
 * model cannot represent would break SearchImageSets.
 */
public final class SummaryLimits {
    private static final Map<String, Integer> MAX_LENGTH = limits();

    private SummaryLimits() {}

    /** The first limit exceeded by the values {@code valueOf} gives for the limited keywords, as a message. */
    public static Optional<String> violation(Function<String, String> valueOf) {
        for (Map.Entry<String, Integer> limit : MAX_LENGTH.entrySet()) {
            Optional<String> problem = violation(limit.getKey(), valueOf.apply(limit.getKey()));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Whether one attribute's value exceeds its limit, as a message. */
    public static Optional<String> violation(String keyword, String value) {
        Integer max = MAX_LENGTH.get(keyword);
        if (max == null || value == null || value.length() <= max) {
            return Optional.empty();
        }
        return Optional.of("DICOM attribute " + keyword + " has " + value.length() + " characters; at most " + max
                + " are accepted");
    }

    private static Map<String, Integer> limits() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        limits.put("PatientName", 512);
        limits.put("PatientID", 512);
        limits.put("PatientBirthDate", 36);
        limits.put("PatientSex", 16);
        limits.put("StudyInstanceUID", 512);
        limits.put("StudyID", 512);
        limits.put("StudyDescription", 512);
        limits.put("StudyDate", 36);
        limits.put("StudyTime", 56);
        limits.put("AccessionNumber", 512);
        limits.put("SeriesInstanceUID", 512);
        limits.put("Modality", 32);
        limits.put("BodyPartExamined", 128);
        return Collections.unmodifiableMap(limits);
    }
}
