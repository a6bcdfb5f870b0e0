package org.openahi.bench.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;

/**
 * Writes a synthetic CT series for import benchmarks: 512×512 16-bit signed slices of a phantom (body ellipse,
 * bone ring, organs, noise), each with new UIDs, in Explicit VR Little Endian — or all slices as frames of one
 * multi-frame file. {@link #write} writes slices of any size into a given series.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.SyntheticCtSeries DIR SLICES [--multiframe]</pre>
 */
public final class SyntheticCtSeries {
    private static final int SIZE = 512;
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String ENHANCED_CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2.1";

    private SyntheticCtSeries() {}

    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args[0]));
        int slices = Integer.parseInt(args[1]);
        boolean multiframe = args.length > 2 && args[2].equals("--multiframe");
        String study = uid();
        String series = uid();
        Random noise = new Random(42);
        if (multiframe) {
            byte[] pixels = new byte[slices * SIZE * SIZE * 2];
            for (int slice = 0; slice < slices; slice++) {
                System.arraycopy(
                        slice(slice, slices, noise, SIZE), 0, pixels, slice * SIZE * SIZE * 2, SIZE * SIZE * 2);
            }
            Dataset dataset = header(ENHANCED_CT_IMAGE_STORAGE, study, series, 1, pixels);
            dataset.putStrings(Tag.NumberOfFrames, VR.IS, Integer.toString(slices));
            DicomWriter.write(folder.resolve("multiframe.dcm"), dataset, TransferSyntax.of("1.2.840.10008.1.2.1"));
        } else {
            write(folder, study, series, 1, slices, SIZE);
        }
    }

    /** A new UID, as the series' own are made. */
    public static String newUid() {
        return uid();
    }

    /**
     * Writes {@code count} slices of {@code size}×{@code size} pixels into series {@code series} of study {@code study},
     * numbered from {@code firstNumber}, each a file CT&lt;number&gt;.dcm with a new SOP Instance UID.
     */
    public static void write(Path folder, String study, String series, int firstNumber, int count, int size)
            throws IOException {
        Files.createDirectories(folder);
        Random noise = new Random(41 + firstNumber); // 42 for a series written from 1, as before
        for (int slice = 0; slice < count; slice++) {
            int number = firstNumber + slice;
            Dataset dataset = header(CT_IMAGE_STORAGE, study, series, number, slice(slice, count, noise, size));
            dataset.putLongs(Tag.Rows, VR.US, size);
            dataset.putLongs(Tag.Columns, VR.US, size);
            DicomWriter.write(
                    folder.resolve(String.format("CT%05d.dcm", number)),
                    dataset,
                    TransferSyntax.of("1.2.840.10008.1.2.1"));
        }
    }

    private static Dataset header(String sopClass, String study, String series, int number, byte[] pixels) {
        Dataset dataset = new Dataset();
        dataset.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        dataset.putStrings(Tag.SOPClassUID, VR.UI, sopClass);
        dataset.putStrings(Tag.SOPInstanceUID, VR.UI, uid());
        dataset.putStrings(Tag.StudyDate, VR.DA, "20260101");
        dataset.putStrings(Tag.StudyTime, VR.TM, "120000");
        dataset.putStrings(Tag.AccessionNumber, VR.SH, "BENCH0001");
        dataset.putStrings(Tag.Modality, VR.CS, "CT");
        dataset.putStrings(Tag.PatientName, VR.PN, "Benchmark^Phantom");
        dataset.putStrings(Tag.PatientID, VR.LO, "BENCH-0001");
        dataset.putStrings(Tag.PatientBirthDate, VR.DA, "19700101");
        dataset.putStrings(Tag.PatientSex, VR.CS, "O");
        dataset.putStrings(Tag.SliceThickness, VR.DS, "1.0");
        dataset.putStrings(Tag.StudyInstanceUID, VR.UI, study);
        dataset.putStrings(Tag.SeriesInstanceUID, VR.UI, series);
        dataset.putStrings(Tag.StudyID, VR.SH, "1");
        dataset.putStrings(Tag.SeriesNumber, VR.IS, "1");
        dataset.putStrings(Tag.InstanceNumber, VR.IS, Integer.toString(number));
        dataset.putStrings(Tag.ImagePositionPatient, VR.DS, "-250", "-250", Integer.toString(-number));
        dataset.putStrings(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
        dataset.putLongs(Tag.SamplesPerPixel, VR.US, 1);
        dataset.putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        dataset.putLongs(Tag.Rows, VR.US, SIZE);
        dataset.putLongs(Tag.Columns, VR.US, SIZE);
        dataset.putStrings(Tag.PixelSpacing, VR.DS, "0.976", "0.976");
        dataset.putLongs(Tag.BitsAllocated, VR.US, 16);
        dataset.putLongs(Tag.BitsStored, VR.US, 16);
        dataset.putLongs(Tag.HighBit, VR.US, 15);
        dataset.putLongs(Tag.PixelRepresentation, VR.US, 1);
        dataset.putStrings(Tag.RescaleIntercept, VR.DS, "0");
        dataset.putStrings(Tag.RescaleSlope, VR.DS, "1");
        dataset.putStrings(Tag.WindowCenter, VR.DS, "40");
        dataset.putStrings(Tag.WindowWidth, VR.DS, "400");
        dataset.put(Element.of(Tag.PixelData, VR.OW, pixels));
        return dataset;
    }

    /** Hounsfield units of a simple phantom, little-endian signed 16-bit: slice {@code index} of {@code slices}. */
    public static byte[] slice(int index, int slices, Random noise, int size) {
        byte[] pixels = new byte[size * size * 2];
        double z = (index - slices / 2.0) / slices;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = (x - size / 2.0) / (size * 0.42);
                double dy = (y - size / 2.0) / (size * 0.32);
                double r = dx * dx + dy * dy + z * z;
                int hu = -1000;
                if (r < 1) {
                    hu = r > 0.85 ? 700 : 40;
                    double ox = (x - size * 0.62) / (size * 0.078);
                    double oy = (y - size * 0.45) / (size * 0.107);
                    if (ox * ox + oy * oy < 1) {
                        hu = 60;
                    }
                    hu += (int) Math.round(noise.nextGaussian() * 12);
                }
                int offset = 2 * (y * size + x);
                pixels[offset] = (byte) hu;
                pixels[offset + 1] = (byte) (hu >> 8);
            }
        }
        return pixels;
    }

    private static String uid() {
        UUID uuid = UUID.randomUUID();
        return "2.25."
                + new java.math.BigInteger(
                        1,
                        java.nio.ByteBuffer.allocate(16)
                                .putLong(uuid.getMostSignificantBits())
                                .putLong(uuid.getLeastSignificantBits())
                                .array());
    }
}
