package org.openahi.bench.jpeg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.jpeg.ColourConversion;
import org.openahi.jpeg.JpegDecoder;
import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.JpegInfo;

/**
 * The first frame of a corpus file named by a benchmark parameter ({@code -Djpeg.corpus} is the shared DICOM
 * corpus), with whether its Photometric Interpretation is YBR and a buffer for the native decoders' output.
 */
record BenchFrame(byte[] jpeg, JpegInfo info, boolean ybr, byte[] nativeOutput) {

    static final Map<String, String> FILES = Map.of(
            "lossless16_516", "dcm_qa/Orientation/axmb/AxAsc36mb2a/jpg1.dcm",
            "lossless10_1760x2140", "pylibjpeg-data/JPEGLosslessSV1/RG2_JPLL.dcm",
            "extended12_1760x2140", "pylibjpeg-data/JPEGExtended/RG2_JPLY_fixed.dcm",
            "baseline8_rgb_768x576", "pylibjpeg-data/JPEGExtended/JPEGExtended_3s_1f_u_08_08.dcm",
            "baseline8_ybr420_320x240", "pydicom/test_files/examples_ybr_color.dcm");

    static BenchFrame load(String image) throws IOException, JpegException {
        Path corpus = Path.of(System.getProperty("jpeg.corpus", "../shared/dicom"));
        DicomFile file = DicomReader.read(corpus.resolve(FILES.get(image)));
        byte[] jpeg = file.pixelData().frame(0).readAllBytes();
        String photometric = file.dataset().getString(Tag.PhotometricInterpretation);
        boolean ybr = photometric != null && photometric.trim().startsWith("YBR");
        JpegInfo info = new JpegDecoder().info(jpeg);
        return new BenchFrame(jpeg, info, ybr, new byte[(int) info.samples() * info.bytesPerSample()]);
    }

    /**
     * The conversion every decoder applies when {@code asked} is the benchmark's parameter: YCbCr to RGB only for a
     * YBR frame (what dcmdjpeg does by default), else the components as coded ({@link ColourConversion#NONE}: what
     * openahi decodes with, as dcmdjpeg +cn).
     */
    ColourConversion conversion(ColourConversion asked) {
        return ybr && asked == ColourConversion.YBR_TO_RGB ? ColourConversion.YBR_TO_RGB : ColourConversion.NONE;
    }
}
