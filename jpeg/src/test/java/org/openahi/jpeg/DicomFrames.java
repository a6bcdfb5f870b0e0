package org.openahi.jpeg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.PixelData;

/** The frames of a DICOM file (compressed bit streams, or native frames) and the attributes the tests compare. */
record DicomFrames(String transferSyntax, String photometric, int planar, List<byte[]> frames) {

    /** Reads every frame of the file; a file without Pixel Data has none. */
    static DicomFrames read(Path file) throws IOException {
        DicomFile dicom = DicomReader.read(file);
        Dataset ds = dicom.dataset();
        PixelData pixels = dicom.pixelData();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; pixels != null && i < pixels.frameCount(); i++) {
            frames.add(pixels.frame(i).readAllBytes());
        }
        String photometric = ds.getString(Tag.PhotometricInterpretation);
        return new DicomFrames(
                dicom.transferSyntaxUid(),
                photometric == null ? "" : photometric.trim(),
                ds.getInt(Tag.PlanarConfiguration, 0),
                frames);
    }

    /** Whether DCMTK's dcmdjpeg converts this image to RGB by default (+cp: a YCbCr Photometric Interpretation). */
    boolean ybr() {
        return photometric.equals("YBR_FULL")
                || photometric.equals("YBR_FULL_422")
                || photometric.equals("YBR_PARTIAL_422");
    }
}
