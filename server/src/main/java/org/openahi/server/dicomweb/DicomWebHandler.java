package org.openahi.server.dicomweb;

import java.io.IOException;
import org.openahi.server.http.WireResponse;

/** Answers the requests of one or more DICOMweb routes ({@link DicomWebRoutes}), authenticated and authorized. */
@FunctionalInterface
public interface DicomWebHandler {

    WireResponse handle(DicomWebRequest request) throws IOException;
}
