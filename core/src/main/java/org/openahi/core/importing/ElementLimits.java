package org.openahi.core.importing;

import java.util.List;
import java.util.Optional;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;

/**
 * AHI's length limits on the attributes its search summaries carry (the model's {@code DICOMTags}); an
 * instance that exceeds one is refused with the attribute named.
 */
final class ElementLimits {
  private record Limit(String keyword, int tag, int maxLength) {
  }

  private static final List<Limit> LIMITS = List.of(
      new Limit("PatientName", Tag.PatientName, 512),
      new Limit("PatientID", Tag.PatientID, 512),
      new Limit("PatientBirthDate", Tag.PatientBirthDate, 36),
      new Limit("PatientSex", Tag.PatientSex, 16),
      new Limit("StudyInstanceUID", Tag.StudyInstanceUID, 512),
      new Limit("StudyID", Tag.StudyID, 512),
      new Limit("StudyDescription", Tag.StudyDescription, 512),
      new Limit("StudyDate", Tag.StudyDate, 36),
      new Limit("StudyTime", Tag.StudyTime, 56),
      new Limit("AccessionNumber", Tag.AccessionNumber, 512),
      new Limit("SeriesInstanceUID", Tag.SeriesInstanceUID, 512),
      new Limit("Modality", Tag.Modality, 32),
      new Limit("BodyPartExamined", Tag.BodyPartExamined, 128));

  private ElementLimits() {
  }

  /** The first limit the data set exceeds, as a message. */
  static Optional<String> violation(Dataset dataset) {
    for (Limit limit : LIMITS) {
      String value = dataset.getString(limit.tag());
      if (value != null && value.length() > limit.maxLength()) {
        return Optional.of("DICOM attribute " + limit.keyword() + " has " + value.length() + " characters; at most "
            + limit.maxLength() + " are accepted");
      }
    }
    return Optional.empty();
  }
}
