package org.openahi.jpeg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;

/** Wraps JPEG streams made by other tools as the frames of a Secondary Capture file, so dcmdjpeg can decode them. */
final class DicomWrap {

    private DicomWrap() {}

    static void write(Path file, String transferSyntaxUid, List<byte[]> frames, JpegInfo info, String photometric)
            throws IOException {
        Dataset ds = new Dataset();
        ds.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putStrings(
                Tag.SOPInstanceUID,
                VR.UI,
                "2.25.1" + Integer.toUnsignedString(file.toString().hashCode()));
        ds.putStrings(Tag.Modality, VR.CS, "OT");
        ds.putLongs(Tag.SamplesPerPixel, VR.US, info.components());
        ds.putStrings(Tag.PhotometricInterpretation, VR.CS, photometric);
        if (info.components() > 1) {
            ds.putLongs(Tag.PlanarConfiguration, VR.US, 0);
        }
        if (frames.size() > 1) {
            ds.putStrings(Tag.NumberOfFrames, VR.IS, "" + frames.size());
        }
        ds.putLongs(Tag.Rows, VR.US, info.height());
        ds.putLongs(Tag.Columns, VR.US, info.width());
        ds.putLongs(Tag.BitsAllocated, VR.US, info.precision() > 8 ? 16 : 8);
        ds.putLongs(Tag.BitsStored, VR.US, info.precision());
        ds.putLongs(Tag.HighBit, VR.US, info.precision() - 1);
        ds.putLongs(Tag.PixelRepresentation, VR.US, 0);
        List<BulkData> items = new ArrayList<>();
        for (byte[] frame : frames) {
            items.add(BulkData.of(frame));
        }
        ds.put(Element.of(Tag.PixelData, VR.OB, Fragments.ofFrames(items)));
        DicomWriter.write(file, ds, TransferSyntax.of(transferSyntaxUid));
    }
}
