package org.openahi.dicom.io;

import java.util.List;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.dict.TransferSyntax;

/**
 * A read DICOM file: its File Meta Information (empty when the file has none), the data set, the transfer syntax
 * UID the data set was read with (from the File Meta, or detected) and what was read leniently.
 */
public record DicomFile(Dataset fileMeta, Dataset dataset, String transferSyntaxUid, List<ReadWarning> warnings) {

    public DicomFile {
        warnings = List.copyOf(warnings);
    }

    /** The transfer syntax, or {@code null} for a UID PS3.6 does not define. */
    public TransferSyntax transferSyntax() {
        return TransferSyntax.of(transferSyntaxUid);
    }

    /** Frame access to the top-level Pixel Data, or {@code null} when the data set has none. */
    public PixelData pixelData() throws DicomParseException {
        return PixelData.of(dataset, transferSyntaxUid);
    }
}
