package org.openahi.core.importing;

import java.io.IOException;
import java.io.InputStream;

/** Opens a DICOM file's bytes from their start, each time it is called. */
@FunctionalInterface
public interface InputOpener {
    InputStream open() throws IOException;
}
