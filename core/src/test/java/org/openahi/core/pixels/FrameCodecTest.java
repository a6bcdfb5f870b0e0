package org.openahi.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.PixelValues;
import org.openahi.testing.SharedCorpus;

/**
 * Each codec adapter against the corpus's own pairs: a file encoded losslessly decodes, through the transfer syntax
 * table's codec, to the pixel values of the same image stored native. Damaged frames give a typed error.
 */
class FrameCodecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "pydicom/test_files/MR_small_RLE.dcm, pydicom/test_files/MR_small.dcm",
        "pydicom/test_files/MR_small_jpeg_ls_lossless.dcm, pydicom/test_files/MR_small.dcm",
        "pydicom-data/emri_small_RLE.dcm, pydicom-data/emri_small.dcm",
        "pydicom-data/emri_small_jpeg_ls_lossless.dcm, pydicom-data/emri_small.dcm",
        "pydicom-data/liver_rle.dcm, pydicom-data/liver.dcm",
        "pydicom-data/liver_deflate.dcm, pydicom-data/liver.dcm",
        "pydicom-data/liver_nonbyte_aligned_rle.dcm, pydicom-data/liver_nonbyte_aligned.dcm",
        "pydicom-data/liver_nonbyte_aligned_deflate.dcm, pydicom-data/liver_nonbyte_aligned.dcm",
        "pydicom/test_files/SC_rgb_rle.dcm, pydicom-data/SC_rgb.dcm",
        "pydicom/test_files/SC_rgb_rle_2frame.dcm, pydicom-data/SC_rgb_2frame.dcm",
        "pydicom/test_files/SC_rgb_rle_16bit_2frame.dcm, pydicom-data/SC_rgb_16bit_2frame.dcm",
        "pydicom/test_files/SC_rgb_rle_32bit_2frame.dcm, pydicom-data/SC_rgb_32bit_2frame.dcm",
        "pydicom-data/JLSL_RGB_ILV1.dcm, pydicom-data/JLSL_RGB_ILV0.dcm",
        "pydicom-data/JLSL_RGB_ILV2.dcm, pydicom-data/JLSL_RGB_ILV0.dcm",
        "pylibjpeg-data/JPEGLosslessSV1/RG2_JPLL.dcm, pylibjpeg-data/JPEGLSLossless/RG2_JLSL.dcm",
        "pydicom/test_files/SC_rgb_jpeg_gdcm.dcm, pydicom-data/SC_rgb.dcm",
        "pydicom/test_files/MR_small_jp2klossless.dcm, pydicom/test_files/MR_small.dcm",
        "pydicom-data/emri_small_jpeg_2k_lossless.dcm, pydicom-data/emri_small.dcm",
        "pydicom-data/liver_j2k.dcm, pydicom-data/liver.dcm",
        "pydicom-data/liver_nonbyte_aligned_j2k.dcm, pydicom-data/liver_nonbyte_aligned.dcm",
    })
    void decodesToTheSamePixelValuesAsTheNativeFile(String encoded, String reference) throws Exception {
        DicomFile source = DicomReader.read(SharedCorpus.dicom(encoded));
        DicomFile original = DicomReader.read(SharedCorpus.dicom(reference));
        assertThat(source.pixelData().frameCount())
                .isEqualTo(original.pixelData().frameCount());
        for (int frame = 0; frame < source.pixelData().frameCount(); frame++) {
            assertThat(decodedValues(source, frame))
                    .as(encoded + " frame " + (frame + 1))
                    .isEqualTo(decodedValues(original, frame));
        }
    }

    @Test
    void aDeflatedFrameMustInflateToTheDeclaredSize() throws Exception {
        PixelLayout layout = layout(4, 4, 16);
        FrameCodec deflate = Codec.DEFLATE.decoder().orElseThrow();
        byte[] pixels = new byte[32];
        Arrays.fill(pixels, (byte) 7);
        assertThat(deflate.decode(deflate(pixels), layout)).isEqualTo(pixels);
        assertThatThrownBy(() -> deflate.decode(deflate(Arrays.copyOf(pixels, 31)), layout))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("the deflated frame inflates to 31 bytes; its pixel attributes need 32");
        assertThatThrownBy(() -> deflate.decode(deflate(new byte[33]), layout))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("the deflated frame inflates to more than the 32 bytes its pixel attributes need");
        assertThatThrownBy(() -> deflate.decode(new byte[] {(byte) 0xff, 1, 2, 3}, layout))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessageStartingWith("the deflated frame is not a deflate stream");
        byte[] cut = deflate(pixels);
        assertThatThrownBy(() -> deflate.decode(Arrays.copyOf(cut, cut.length / 2), layout))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessageStartingWith("the deflated frame inflates to ");
    }

    @Test
    void aFrameOfAnotherSizeThanTheDataSetSaysIsRefusedBeforeDecoding() throws Exception {
        DicomFile file = DicomReader.read(SharedCorpus.dicom("pydicom/test_files/MR_small_jpeg_ls_lossless.dcm"));
        PixelLayout layout = PixelLayout.of(file.dataset());
        PixelLayout wider = new PixelLayout(
                layout.rows(),
                2 * layout.columns(),
                1,
                layout.bitsAllocated(),
                layout.bitsStored(),
                layout.highBit(),
                layout.signed(),
                false,
                layout.photometricInterpretation(),
                1);
        byte[] frame = file.pixelData().frame(0).readAllBytes();
        assertThatThrownBy(() -> Codec.JPEG_LS.decoder().orElseThrow().decode(frame, wider))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("the JPEG-LS frame is 64x64 with 1 components but the data set says 128x64 with 1");
    }

    @Test
    void aDamagedFrameIsATypedErrorNamingTheCodec() throws Exception {
        DicomFile file = DicomReader.read(SharedCorpus.dicom("pydicom/test_files/MR_small_jpeg_ls_lossless.dcm"));
        PixelLayout layout = PixelLayout.of(file.dataset());
        byte[] frame = file.pixelData().frame(0).readAllBytes();
        assertThatThrownBy(() ->
                        Codec.JPEG_LS.decoder().orElseThrow().decode(Arrays.copyOf(frame, frame.length / 3), layout))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessageStartingWith("the JPEG-LS frame cannot be decoded: JPEG-LS-");
        assertThatThrownBy(() -> Codec.JPEG_2000.decoder().orElseThrow().decode(frame, layout))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessageStartingWith("the JPEG 2000 frame cannot be decoded: HTJ2K-");
        assertThatThrownBy(() -> Codec.RLE.decoder().orElseThrow().decode(new byte[10], layout))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("RLE frame shorter than its 64-byte header");
    }

    @Test
    void decodedSamplesAreWidenedToBitsAllocatedAndPackedForOneBit() throws Exception {
        PixelLayout sixteen = layout(2, 1, 16).withPlanar(false);
        assertThat(CodecOutput.toNative("test", new byte[] {(byte) 0xfe, 3}, 1, true, sixteen))
                .containsExactly(0xfe, 0xff, 3, 0);
        assertThat(CodecOutput.toNative("test", new byte[] {(byte) 0xfe, 3}, 1, false, sixteen))
                .containsExactly(0xfe, 0, 3, 0);
        PixelLayout oneBit = new PixelLayout(1, 10, 1, 1, 1, 0, false, false, "MONOCHROME2", 1);
        assertThat(CodecOutput.toNative("test", new byte[] {1, 0, 1, 1, 0, 0, 0, 0, 0, 1}, 1, false, oneBit))
                .containsExactly(0b1101, 0b10);
        assertThatThrownBy(() -> CodecOutput.toNative(
                        "test",
                        new byte[] {1, 2},
                        1,
                        false,
                        new PixelLayout(1, 2, 1, 1, 1, 0, false, false, "MONOCHROME2", 1)))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("the test frame has a sample of 2 where BitsAllocated 1 allows 0 and 1");
        assertThatThrownBy(() -> CodecOutput.toNative("test", new byte[4], 2, false, layout(2, 1, 8)))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("the test frame has samples of more than 8 bits; BitsAllocated is 8");
    }

    @Test
    void decodersUndoColourTransformsAndInterleave() throws Exception {
        PixelLayout rct = new PixelLayout(8, 8, 3, 8, 8, 7, false, true, "YBR_RCT", 1);
        assertThat(Codec.JPEG_2000.decoder().orElseThrow().decodedLayout(rct))
                .isEqualTo(new PixelLayout(8, 8, 3, 8, 8, 7, false, false, "RGB", 1));
        assertThat(Codec.JPEG_LS.decoder().orElseThrow().decodedLayout(rct).planar())
                .isFalse();
        assertThat(Codec.NATIVE.decoder().orElseThrow().decodedLayout(rct)).isEqualTo(rct);
        PixelLayout subsampled = new PixelLayout(8, 8, 3, 8, 8, 7, false, false, "YBR_FULL_422", 1);
        assertThat(Codec.JPEG.decoder().orElseThrow().decodedLayout(subsampled).photometricInterpretation())
                .isEqualTo("YBR_FULL");
        assertThatThrownBy(() -> Codec.JPEG
                        .decoder()
                        .orElseThrow()
                        .decodedLayout(subsampled.withPhotometricInterpretation("YBR_PARTIAL_422")))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessageStartingWith("YBR_PARTIAL_422 JPEG frames are not");
    }

    /** The frame decoded by its syntax's codec, as pixel values (BitsStored bits, signed as the data set says). */
    private static long[] decodedValues(DicomFile file, int frame) throws Exception {
        PixelLayout layout = PixelLayout.of(file.dataset());
        SyntaxRule syntax = TransferSyntaxTable.require(file.fileMeta().getString(Tag.TransferSyntaxUID));
        byte[] pixels = syntax.decoder().decode(file.pixelData().frame(frame).readAllBytes(), layout);
        PixelLayout decoded = syntax.decoder().decodedLayout(layout);
        return PixelValues.of(
                pixels,
                decoded.rows(),
                decoded.columns(),
                decoded.samplesPerPixel(),
                decoded.bitsAllocated(),
                decoded.bitsStored(),
                decoded.signed(),
                decoded.planar());
    }

    private static PixelLayout layout(int columns, int rows, int bitsAllocated) {
        return new PixelLayout(
                rows, columns, 1, bitsAllocated, bitsAllocated, bitsAllocated - 1, false, false, "MONOCHROME2", 1);
    }

    private static byte[] deflate(byte[] data) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
