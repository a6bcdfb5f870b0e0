package org.openahi.jpegls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.PixelData;
import org.openahi.testing.SharedCorpus;

/** The JPEG-LS files of the shared corpus and the frames of DICOM files, read with the dicom module. */
final class CorpusFrames {

    static final String LOSSLESS = "1.2.840.10008.1.2.4.80";
    static final String NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";

    private CorpusFrames() {}

    /** Every file of the corpus whose transfer syntax is JPEG-LS, by its path relative to the corpus. */
    static List<String> jpegLsFiles() {
        List<String> files = new ArrayList<>();
        for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
            if (entry.transferSyntaxUid().equals(LOSSLESS)
                    || entry.transferSyntaxUid().equals(NEAR_LOSSLESS)) {
                files.add(entry.path());
            }
        }
        return files;
    }

    /** Every frame of the file's Pixel Data: the coded frames of encapsulated data, the bytes of native data. */
    static List<byte[]> frames(Path file) throws IOException {
        DicomFile dicom = DicomReader.read(file);
        PixelData pixels = dicom.pixelData();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < pixels.frameCount(); i++) {
            frames.add(pixels.frame(i).readAllBytes());
        }
        return frames;
    }
}
