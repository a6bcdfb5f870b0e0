package org.openahi.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.SharedCorpus;

/** The plans import makes for corpus files, by the transfer syntax table. */
class StoragePlanTest {

    @Test
    void losslessAndNearLosslessInputsAreTranscoded() throws Exception {
        for (String file : new String[] {
            "pydicom-data/JLSL_RGB_ILV1.dcm",
            "pylibjpeg-data/JPEGLS/CT1_JLSN.dcm",
            "pydicom/test_files/MR_small_RLE.dcm",
            "pydicom-data/HTJ2KLossless_08_RGB.dcm",
            "pydicom/test_files/MR_small.dcm"
        }) {
            StoragePlan plan = plan(file);
            assertThat(plan).as(file).isInstanceOf(StoragePlan.Transcode.class);
            assertThat(((StoragePlan.Transcode) plan).photometric()).as(file).isEmpty();
        }
    }

    @Test
    void lossyJpegAndJpeg2000AndHtj2kAreKeptWithTheirFrameType() throws Exception {
        assertThat(plan("pylibjpeg-data/JPEGBaseline/JPEGBaseline_1s_1f_u_08_08.dcm"))
                .isInstanceOfSatisfying(StoragePlan.Keep.class, keep -> {
                    assertThat(keep.contentType()).isEqualTo("image/jpeg");
                    assertThat(keep.wholeStreamIsOneFrame()).isFalse();
                });
        assertThat(plan("pydicom-data/US1_J2KI.dcm"))
                .isInstanceOfSatisfying(
                        StoragePlan.Keep.class,
                        keep -> assertThat(keep.contentType()).isEqualTo("image/j2c"));
        assertThat(plan("pydicom-data/HTJ2K_08_RGB.dcm"))
                .isInstanceOfSatisfying(
                        StoragePlan.Keep.class,
                        keep -> assertThat(keep.contentType()).isEqualTo("image/jphc"));
    }

    @Test
    void decodedFramesTheEncodersCannotTakeAreStoredNative() throws Exception {
        assertThat(plan("pydicom-data/liver_deflate.dcm"))
                .isInstanceOfSatisfying(
                        StoragePlan.StoreNative.class,
                        stored -> assertThat(stored.warning())
                                .isEqualTo(
                                        "binary segmentation frames are kept in Explicit VR Little Endian, as AHI keeps them"));
        assertThat(plan("pydicom/test_files/SC_rgb_rle_32bit.dcm"))
                .isInstanceOfSatisfying(
                        StoragePlan.StoreNative.class,
                        stored -> assertThat(stored.warning()).startsWith("BitsStored 32 / "));
    }

    @Test
    void aSyntaxWithoutDecoderIsRefusedByItsUid() {
        assertThatThrownBy(() -> StoragePlan.of("1.2.840.10008.1.2.4.110", new Dataset()))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("unsupported transfer syntax 1.2.840.10008.1.2.4.110");
        assertThatThrownBy(() -> StoragePlan.of("1.2.3", new Dataset()))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("unsupported transfer syntax 1.2.3");
    }

    @Test
    void jpeg2000LosslessIsTranscodedKeepingYbrRct() throws Exception {
        // YBR_RCT data decodes to RGB and the lossless encoders transform it again: the document keeps YBR_RCT.
        assertThat(plan("pydicom/test_files/examples_jpeg2k.dcm"))
                .isInstanceOfSatisfying(StoragePlan.Transcode.class, transcode -> {
                    assertThat(transcode.decoded().photometricInterpretation()).isEqualTo("RGB");
                    assertThat(transcode.photometric()).isEmpty();
                });
        assertThat(plan("pydicom-data/liver_j2k.dcm")).isInstanceOf(StoragePlan.StoreNative.class);
    }

    @Test
    void jpegLosslessAndExtendedAreTranscodedAsTheyDecode() throws Exception {
        assertThat(plan("pydicom-data/JPEG-LL.dcm")).isInstanceOf(StoragePlan.Transcode.class);
        assertThat(plan("pylibjpeg-data/JPEGExtended/JPEGExtended_3s_1f_u_08_08.dcm"))
                .isInstanceOfSatisfying(StoragePlan.Transcode.class, transcode -> {
                    assertThat(transcode.decoded().photometricInterpretation()).isEqualTo("YBR_FULL");
                    assertThat(transcode.photometric()).isEmpty();
                });
    }

    /** The syntaxes a rule says import takes are exactly those a plan is made for (the DICOM listener relies on it). */
    @Test
    void importedNamesExactlyTheSyntaxesAPlanIsMadeFor() {
        Dataset monochrome = new Dataset();
        monochrome.putLongs(Tag.Rows, VR.US, 4);
        monochrome.putLongs(Tag.Columns, VR.US, 4);
        monochrome.putLongs(Tag.BitsAllocated, VR.US, 16);
        monochrome.putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        int imported = 0;
        for (SyntaxRule rule : TransferSyntaxTable.all()) {
            boolean planned;
            try {
                StoragePlan.of(rule.uid(), monochrome);
                planned = true;
            } catch (UnsupportedPixelsException e) {
                planned = false;
            }
            assertThat(rule.imported()).as(rule.name()).isEqualTo(planned);
            imported += planned ? 1 : 0;
        }
        assertThat(imported).isGreaterThanOrEqualTo(10);
    }

    private static StoragePlan plan(String relative) throws Exception {
        DicomFile file = DicomReader.read(SharedCorpus.dicom(relative));
        return StoragePlan.of(file.fileMeta().getString(Tag.TransferSyntaxUID), file.dataset());
    }
}
