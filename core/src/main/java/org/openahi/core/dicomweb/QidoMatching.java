package org.openahi.core.dicomweb;

import java.util.Optional;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.dicom.Tags;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;

/**
 * QIDO-RS's matching rules for callers holding a query as attribute values rather than request parameters (the DICOM
 * listener's C-FIND): the same attributes, the same reading of values (wildcards, date ranges, UID and code lists)
 * and the same conditions on the index.
 */
public final class QidoMatching {

  private QidoMatching() {
  }

  /** Whether QIDO-RS matches on the attribute. */
  public static boolean matches(int tag) {
    return QidoAttribute.of(tag).isPresent();
  }

  /**
   * The condition a value of the attribute puts on the index, or empty for universal matching (an empty value or
   * {@code *}).
   *
   * @throws IllegalArgumentException when QIDO-RS does not match on the attribute
   * @throws org.openahi.core.error.InvalidRequest when the value cannot be read (a date that is none, say)
   */
  public static Optional<QidoQuery.Match> condition(int tag, String value) {
    QidoAttribute attribute = QidoAttribute.of(tag)
        .orElseThrow(() -> new IllegalArgumentException(Tags.format(tag) + " is not a QIDO-RS matching key"));
    DictionaryEntry entry = Dictionary.entry(tag);
    return QidoParameters.condition(attribute, entry == null ? Tags.format(tag) : entry.keyword(), value);
  }
}
