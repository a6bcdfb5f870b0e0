package org.openahi.dicom.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.dicom.io.ReadWarning;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;

/**
 * {@code ./openahi dicom json [--inline] [--meta] FILE}: prints the file's data set as DICOM JSON (PS3.18 Annex F).
 * Binary values (OB, OD, OF, OL, OV, OW, UN) longer than 1024 bytes, and all Pixel Data, are written as
 * {@code BulkDataURI} {@code file:///path?offset=N&length=M} (the value's bytes in the file; for encapsulated pixel
 * data the whole encapsulated value, items included), shorter ones inline; {@code --inline} writes every value
 * inline instead (encapsulated pixel data then has only its VR). {@code --meta} prints the File Meta Information
 * instead of the data set. Lenient readings go to standard error as warnings; a broken file exits with status 1 and
 * the error's message.
 */
public final class DicomCli {

    private static final long INLINE_LIMIT = 1024;

    private DicomCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.isEmpty() || !rest.remove(0).equals("json")) {
            return usage(err);
        }
        boolean inline = rest.remove("--inline");
        boolean meta = rest.remove("--meta");
        if (rest.size() != 1 || rest.get(0).startsWith("--")) {
            return usage(err);
        }
        Path file = Path.of(rest.get(0)).toAbsolutePath().normalize();
        try {
            DicomFile dicom = DicomReader.read(file, ReadOptions.defaults().withBulkDataThreshold(INLINE_LIMIT));
            for (ReadWarning w : dicom.warnings()) {
                err.println("warning: " + w);
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            DicomJsonWriter.write(
                    meta ? dicom.fileMeta() : dicom.dataset(),
                    w,
                    inline ? BulkDataPolicy.inline() : (path, element) -> fileUri(file, element));
            w.write('\n');
            w.flush();
            return 0;
        } catch (DicomParseException e) {
            err.println("error: " + file + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + file + ": cannot read: " + e);
            return 1;
        }
    }

    /** A URI for values left in the file (longer than the inline limit); {@code null} writes the value inline. */
    private static String fileUri(Path file, Element element) {
        if (element.isEncapsulated()) {
            var items = element.fragments().items();
            if (!items.isEmpty()
                    && items.get(0) instanceof BulkData.FileRange first
                    && items.get(items.size() - 1) instanceof BulkData.FileRange last) {
                long start = first.offset() - 8 - 8 - 4L * element.fragments().basicOffsetTable().length;
                return uri(file, start, last.offset() + last.length() + 8 - start);
            }
            return null;
        }
        if (!element.inMemory() && element.bulkData() instanceof BulkData.FileRange range) {
            return uri(file, range.offset(), range.length());
        }
        return null;
    }

    private static String uri(Path file, long offset, long length) {
        return file.toUri() + "?offset=" + offset + "&length=" + length;
    }

    private static int usage(PrintStream err) {
        err.println("usage: dicom json [--inline] [--meta] FILE");
        return 2;
    }
}
