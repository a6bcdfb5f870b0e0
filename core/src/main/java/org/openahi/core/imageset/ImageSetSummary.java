package org.openahi.core.imageset;

/**
 * What SearchImageSets returns of an image set beyond its identity, taken from its latest metadata document.
 * {@code studyDateTime} is yyyyMMddHHmmssSSS as a number (0 when the study date is unknown), for sorting and
 * ranges.
 */
public record ImageSetSummary(
        String patientName,
        String patientBirthDate,
        String patientSex,
        String studyDescription,
        String studyTime,
        long studyDateTime,
        String seriesModality,
        String seriesBodyPart,
        int seriesCount,
        int instanceCount) {

    public ImageSetSummary withInstanceCount(int count) {
        return new ImageSetSummary(
                patientName,
                patientBirthDate,
                patientSex,
                studyDescription,
                studyTime,
                studyDateTime,
                seriesModality,
                seriesBodyPart,
                seriesCount,
                count);
    }
}
