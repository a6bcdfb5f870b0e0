package org.openahi.dimse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.Oracles;

/**
 * DCMTK's storescu sending a file in its own transfer syntax: an association profile (storescu's --config-file)
 * proposes exactly the file's SOP class in the file's transfer syntax, which storescu's command-line options cannot
 * do for every syntax (HTJ2K, for one).
 */
final class StoreScu {

  private StoreScu() {
  }

  static Oracles.Result send(Path work, String calledAeTitle, int port, Path file) throws IOException {
    DicomFile dicom = DicomReader.read(file);
    Path config = Files.createTempFile(work, "storescu-", ".cfg");
    Files.writeString(config, String.join("\n",
        "[[TransferSyntaxes]]", "[Own]", "TransferSyntax1 = " + dicom.transferSyntaxUid(), "",
        "[[PresentationContexts]]", "[Own]",
        "PresentationContext1 = " + dicom.dataset().getString(Tag.SOPClassUID) + "\\Own", "",
        "[[Profiles]]", "[Own]", "PresentationContexts = Own", ""));
    List<String> command = new ArrayList<>(List.of(Oracles.require("storescu"), "-v", "-xf", config.toString(), "Own",
        "-aec", calledAeTitle, "127.0.0.1", Integer.toString(port), file.toString()));
    return Oracles.run(command);
  }
}
