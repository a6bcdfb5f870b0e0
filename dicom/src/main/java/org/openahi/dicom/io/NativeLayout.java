package org.openahi.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Checks the bytes of a value of {@code valueLength} bytes after its frames, {@code rest} from {@code restStart}
     * of the value on: padding (one byte to an even length, or zeros, as pydicom's {@code MR_small_padded.dcm} has)
     * is not pixel data; anything else would be dropped with the frames read (a frame more than Number of Frames
     * says, a larger image than Rows and Columns say), so it is an error.
     */
    void requirePaddingAfterFrames(InputStream rest, long restStart, long valueLength, int pixelTag)
            throws IOException {
        long excess = valueLength - totalBytes();
        if (excess <= 1) {
            return;
        }
        byte[] chunk = new byte[8192];
        for (long left = valueLength - restStart; left > 0; ) {
            int n = rest.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                throw new EOFException("input ends inside the pixel data's last " + left + " bytes");
            }
            for (int i = 0; i < n; i++) {
                if (chunk[i] != 0) {
                    throw new DicomParseException(
                            "pixel data of " + valueLength + " bytes holds " + excess + " bytes more than its "
                                    + frames + " frame(s) of " + frameBits + " bits, and they are not zero padding:"
                                    + " Number of Frames, Rows, Columns, Samples per Pixel or Bits Allocated does not"
                                    + " describe it",
                            -1,
                            Tags.format(pixelTag));
                }
            }
            left -= n;
        }
    }

    /** Bytes of the value that hold all frames. */
    long totalBytes() {
        return (frames * frameBits + 7) / 8;
    }
}
