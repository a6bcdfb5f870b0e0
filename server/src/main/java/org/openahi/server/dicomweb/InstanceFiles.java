package org.openahi.server.dicomweb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.dicomweb.StoredInstances;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;

/**
 * An instance as a DICOM Part 10 file, rebuilt from its metadata and its frames ({@link StoredInstances}) in the
 * stored transfer syntax or in Explicit VR Little Endian (frames decoded). The file is spooled to a temporary file,
 * deleted once read, so an instance of any size streams in constant memory.
 */
final class InstanceFiles {
    private final StoredInstances instances;

    InstanceFiles(DicomWebReads reads, FrameReader frames) {
        this.instances = new StoredInstances(reads, frames);
    }

    /** The Part 10 file of the instance, opened for reading. */
    InputStream open(DicomWebReads.SeriesView series, String sopInstanceUid, String transferSyntaxUid)
            throws IOException {
        StoredInstances.Rebuilt instance = instances.rebuild(series, sopInstanceUid, transferSyntaxUid);
        Path file = Files.createTempFile("openahi-wado-", ".dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            DicomWriter.write(out, instance.fileMeta(), instance.dataset(), TransferSyntax.of(transferSyntaxUid));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        };
    }
}
