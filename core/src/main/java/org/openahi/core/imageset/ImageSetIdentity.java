package org.openahi.core.imageset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The DICOM attributes AHI groups instances by (Patient ID, Study Instance UID, Study Date, Accession
 * Number, Study ID, Series Instance UID, Series Number). Instances of one series whose identities agree
 * share the series' primary image set; an instance that disagrees goes to a non-primary one. Absent values
 * are null and compare equal to null.
 */
public record ImageSetIdentity(
        String patientId,
        String studyInstanceUid,
        String studyDate,
        String accessionNumber,
        String studyId,
        String seriesInstanceUid,
        String seriesNumber) {

    /** The attributes on which {@code other} disagrees with this identity, by DICOM keyword. */
    public List<String> conflictsWith(ImageSetIdentity other) {
        List<String> conflicts = new ArrayList<>();
        compare("PatientID", patientId, other.patientId, conflicts);
        compare("StudyInstanceUID", studyInstanceUid, other.studyInstanceUid, conflicts);
        compare("StudyDate", studyDate, other.studyDate, conflicts);
        compare("AccessionNumber", accessionNumber, other.accessionNumber, conflicts);
        compare("StudyID", studyId, other.studyId, conflicts);
        compare("SeriesInstanceUID", seriesInstanceUid, other.seriesInstanceUid, conflicts);
        compare("SeriesNumber", seriesNumber, other.seriesNumber, conflicts);
        return conflicts;
    }

    private static void compare(String keyword, String mine, String theirs, List<String> conflicts) {
        if (!Objects.equals(mine, theirs)) {
            conflicts.add(keyword);
        }
    }
}
