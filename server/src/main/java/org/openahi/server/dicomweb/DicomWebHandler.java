package org.openahi.server.dicomweb;

import java.io.IOException;
import org.openahi.server.http.WireResponse;

/** One DICOMweb operation: the method and resource it answers, named as AHI's IAM action for it. */
public interface DicomWebHandler {

  /** AHI's IAM action name (e.g. {@code GetDICOMInstanceFrames}), used in logs and metrics. */
  String operation();

  String method();

  DicomWebPath.Resource resource();

  WireResponse handle(DicomWebRequest request) throws IOException;
}
