package org.openahi.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.dict.TransferSyntax;

/**
 * Reads DICOM Part 10 files, and bare data sets as DCMTK does. Reading a file keeps large binary values (all Pixel
 * Data, and other OB/OW/UN... values above {@link ReadOptions#bulkDataThreshold()}) in the file as
 * {@link org.openahi.dicom.BulkData} references, so memory does not grow with the file; reading a stream holds
 * values in memory within the limits of {@link ReadOptions}; {@link #stream} reads a stream frame by frame.
 *
 * <p>Bad input gives a {@link DicomParseException} with offset and tag path; no other exception escapes for bad
 * input (an unexpected internal failure is also reported as {@link DicomParseException}, with its cause).
 */
public final class DicomReader {

    private DicomReader() {}

    public static DicomFile read(Path file) throws IOException {
        return read(file, ReadOptions.defaults());
    }

    public static DicomFile read(Path file, ReadOptions options) throws IOException {
        try (ByteInput in = ByteInput.open(file)) {
            return read(in, options);
        }
    }

    /** Reads a whole stream; all values are held in memory (within the limits). */
    public static DicomFile read(InputStream stream) throws IOException {
        return read(stream, ReadOptions.defaults());
    }

    public static DicomFile read(InputStream stream, ReadOptions options) throws IOException {
        return read(ByteInput.of(stream), options);
    }

    /**
     * Starts reading a stream sequentially: the File Meta and the elements before Pixel Data are read now, frames
     * are then pulled one by one with {@link DicomStream#nextFrame()}.
     */
    public static DicomStream stream(InputStream stream, ReadOptions options) throws IOException {
        return DicomStream.open(ByteInput.of(stream), options);
    }

    public static DicomStream stream(InputStream stream) throws IOException {
        return stream(stream, ReadOptions.defaults());
    }

    /**
     * Reads a bare data set (no preamble, no File Meta) whose transfer syntax is known from elsewhere, as a DICOM
     * network peer sends it (PS3.7 §6.3.1); all values are held in memory within the limits.
     *
     * @throws DicomParseException for bad input, and for a transfer syntax PS3.6 does not define
     */
    public static Dataset readDataset(InputStream stream, String transferSyntaxUid, ReadOptions options)
            throws IOException {
        TransferSyntax ts = TransferSyntax.of(transferSyntaxUid);
        if (ts == null) {
            throw new DicomParseException("unknown transfer syntax " + transferSyntaxUid, 0, "");
        }
        ByteInput in = ByteInput.of(stream);
        DatasetParser parser = new DatasetParser(in, options, new ArrayList<>());
        return guarded(in, () -> {
            if (ts.deflated()) {
                in.inflateRest();
            }
            Dataset dataset = new Dataset();
            parser.readTopLevel(dataset, Encoding.of(ts), false);
            return dataset;
        });
    }

    private static DicomFile read(ByteInput in, ReadOptions options) throws IOException {
        List<ReadWarning> warnings = new ArrayList<>();
        DatasetParser parser = new DatasetParser(in, options, warnings);
        return guarded(in, () -> {
            FileStart.Result start = FileStart.read(in, parser, warnings);
            Dataset dataset = new Dataset();
            parser.readTopLevel(dataset, start.encoding(), false);
            return new DicomFile(start.fileMeta(), dataset, start.transferSyntaxUid(), warnings);
        });
    }

    interface Parse<T> {
        T run() throws IOException;
    }

    /** Runs a parse step; a runtime failure on bad input is reported as the typed exception, never leaked. */
    static <T> T guarded(ByteInput in, Parse<T> parse) throws IOException {
        try {
            return parse.run();
        } catch (DicomParseException e) {
            throw e;
        } catch (EOFException e) {
            throw new DicomParseException(e.getMessage(), in.position(), "");
        } catch (RuntimeException | StackOverflowError e) {
            throw new DicomParseException("unexpected failure while parsing: " + e, in.position(), "", e);
        }
    }
}
