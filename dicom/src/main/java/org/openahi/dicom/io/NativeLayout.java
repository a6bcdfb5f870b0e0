package org.openahi.dicom.io;

import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Tags;
import org.openahi.dicom.dict.Tag;

/**
 * Where the frames of native (uncompressed) pixel data are: frame {@code i} occupies bits
 * {@code [i * frameBits, (i + 1) * frameBits)} of the value (PS3.5 §8.1.1, §8.2). Frames of 1-bit data need not
 * start on a byte boundary.
 */
record NativeLayout(int frames, long frameBits) {

    static NativeLayout of(Dataset dataset, int pixelTag) throws DicomParseException {
        long rows = required(dataset, Tag.Rows, pixelTag);
        long columns = required(dataset, Tag.Columns, pixelTag);
        long bitsAllocated = switch (pixelTag) {
            case Tag.FloatPixelData -> 32;
            case Tag.DoubleFloatPixelData -> 64;
            default -> required(dataset, Tag.BitsAllocated, pixelTag);
        };
        long samples = dataset.getLong(Tag.SamplesPerPixel, 1);
        String photometric = dataset.getString(Tag.PhotometricInterpretation);
        if (photometric != null && photometric.endsWith("_422")) {
            samples = 2; // YBR_FULL_422 / YBR_PARTIAL_422: two samples per pixel on average (PS3.3 §C.7.6.3.1.2)
        }
        if (bitsAllocated != 1 && bitsAllocated % 8 != 0 || samples < 1) {
            throw invalid("Bits Allocated " + bitsAllocated + " with " + samples + " samples per pixel", pixelTag);
        }
        return new NativeLayout(frameCount(dataset, pixelTag), rows * columns * samples * bitsAllocated);
    }

    /** Number of Frames (0028,0008), 1 when absent. */
    static int frameCount(Dataset dataset, int pixelTag) throws DicomParseException {
        if (!dataset.contains(Tag.NumberOfFrames) || dataset.getString(Tag.NumberOfFrames) == null) {
            return 1;
        }
        long frames = dataset.getLong(Tag.NumberOfFrames, -1);
        if (frames < 1 || frames > Integer.MAX_VALUE) {
            throw invalid(
                    "Number of Frames '" + dataset.getString(Tag.NumberOfFrames) + "' is not a positive integer",
                    pixelTag);
        }
        return (int) frames;
    }

    private static long required(Dataset dataset, int tag, int pixelTag) throws DicomParseException {
        long value = dataset.getLong(tag, -1);
        if (value < 1 || value > 0xFFFF) {
            throw invalid(Tags.format(tag) + " is missing or invalid", pixelTag);
        }
        return value;
    }

    private static DicomParseException invalid(String reason, int pixelTag) {
        return new DicomParseException("cannot locate frames: " + reason, -1, Tags.format(pixelTag));
    }

    long frameBytes() {
        return (frameBits + 7) / 8;
    }

    long firstBit(int frame) {
        return frame * frameBits;
    }

    /** Bytes of the value that hold all frames. */
    long totalBytes() {
        return (frames * frameBits + 7) / 8;
    }
}
