package org.openahi.dimse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.DcmtkProfiles;
import org.openahi.testing.Oracles;

/** DCMTK's storescu sending a file in its own transfer syntax (a profile proposing exactly that, see DcmtkProfiles). */
final class StoreScu {

    private StoreScu() {}

    static Oracles.Result send(Path work, String calledAeTitle, int port, Path file) throws IOException {
        DicomFile dicom = DicomReader.read(file);
        Path profile = DcmtkProfiles.write(
                work,
                List.of(new DcmtkProfiles.Context(
                        dicom.dataset().getString(Tag.SOPClassUID), dicom.transferSyntaxUid())));
        return Oracles.run(
                Oracles.require("storescu"),
                "-v",
                "-xf",
                profile.toString(),
                DcmtkProfiles.PROFILE,
                "-aec",
                calledAeTitle,
                "127.0.0.1",
                Integer.toString(port),
                file.toString());
    }
}
