package org.openahi.dimse.scp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.importing.InstanceIngest;
import org.openahi.core.importing.IntakeMemory;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomStream;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.dimse.message.Command;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.AcceptedContext;
import org.openahi.dimse.ul.Association;
import org.openahi.dimse.ul.DataSink;
import org.openahi.dimse.ul.Message;
import org.openahi.dimse.ul.ReceivedData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Storage SCP (PS3.4 Annex B). A C-STORE's data set is kept, as it arrives, after a File Meta Information
 * header (the context's transfer syntax, the command's SOP Class and Instance UIDs, the calling AE as Source
 * Application Entity Title), in memory when it is small, else in a Part 10 spool file ({@link SpoolSink}); once whole, its UIDs are checked against the command and it is
 * staged on the association's {@link InstanceIngest.Session}. The response goes out once the instance is durable
 * (staged; it is folded into its image set a moment later, see {@link Services}). Statuses:
 * 0000 stored; A900 the data set does not match the command's SOP class or instance; C000 the data set cannot be
 * read or lacks what an image set needs; A700 out of resources (too large, nowhere to spool it, the write failed, the
 * data store is gone). The association discards the data set whatever happens, and one cut short never reaches the
 * write path.
 */
final class StorageScp {
    private static final Logger LOG = LoggerFactory.getLogger(StorageScp.class);
    private static final String SPOOL_PREFIX = "openahi-dimse-";

    private final long maxInstanceBytes;
    private final Path spoolDirectory;
    private final IntakeMemory memory = new IntakeMemory();

    StorageScp(long maxInstanceBytes, Path spoolDirectory) {
        this.maxInstanceBytes = maxInstanceBytes;
        this.spoolDirectory = spoolDirectory;
    }

    DataSink sink(Association association, AcceptedContext context, Dataset command) {
        return new SpoolSink(association, context, command);
    }

    /** @param session the association's session on the write path, opened at its first C-STORE */
    void store(Supplier<InstanceIngest.Session> session, Association association, Message request) throws IOException {
        Dataset command = request.command();
        String sopClass = command.getString(Command.AffectedSOPClassUID);
        String sopInstance = command.getString(Command.AffectedSOPInstanceUID);
        if (sopClass == null || sopInstance == null) {
            refuse(
                    association,
                    request,
                    Status.CANNOT_UNDERSTAND,
                    "C-STORE-RQ without Affected SOP Class or Instance UID");
            return;
        }
        if (!sopClass.equals(request.context().abstractSyntax())) {
            refuse(
                    association,
                    request,
                    Status.DOES_NOT_MATCH_SOP_CLASS,
                    "SOP Class " + sopClass + " on a context for "
                            + request.context().abstractSyntax());
            return;
        }
        switch (request.data()) {
            case ReceivedData.Spooled spooled -> store(session, association, request, spooled, sopClass, sopInstance);
            case ReceivedData.Refused refused ->
                refuse(association, request, Status.OUT_OF_RESOURCES, refused.reason());
            default -> refuse(association, request, Status.CANNOT_UNDERSTAND, "C-STORE-RQ without a data set");
        }
    }

    private void store(
            Supplier<InstanceIngest.Session> session,
            Association association,
            Message request,
            ReceivedData.Spooled spooled,
            String sopClass,
            String sopInstance)
            throws IOException {
        String mismatch;
        try {
            mismatch = mismatch(spooled, sopClass, sopInstance);
        } catch (DicomParseException e) {
            refuse(association, request, Status.CANNOT_UNDERSTAND, "unreadable data set: " + e.getMessage());
            return;
        }
        if (mismatch != null) {
            refuse(association, request, Status.DOES_NOT_MATCH_SOP_CLASS, mismatch);
            return;
        }
        String name = "C-STORE of " + sopInstance + " from " + association.callingAeTitle();
        InstanceIngest.Staging outcome;
        try {
            outcome = session.get().stage(new InstanceIngest.Upload(name, spooled.size(), spooled::open));
        } catch (OpenAhiException e) {
            refuse(association, request, Status.OUT_OF_RESOURCES, e.getMessage());
            return;
        }
        switch (outcome) {
            case InstanceIngest.Staged staged -> {
                staged.warning().ifPresent(warning -> LOG.info("{}: {}", name, warning));
                association.respond(request, Status.SUCCESS, null);
            }
            case InstanceIngest.Failed failed -> {
                String reason = failed.message().startsWith(name + ": ")
                        ? failed.message().substring(name.length() + 2)
                        : failed.message();
                refuse(
                        association,
                        request,
                        switch (failed.reason()) {
                            case NOT_UNDERSTOOD -> Status.CANNOT_UNDERSTAND;
                            case OTHER_STUDY -> Status.DOES_NOT_MATCH_SOP_CLASS;
                            case TOO_LARGE, PROCESSING_FAILURE -> Status.OUT_OF_RESOURCES;
                        },
                        reason);
            }
        }
    }

    /** Answers a C-STORE that stored nothing, and says why in the log (the error comment keeps 64 characters). */
    private static void refuse(Association association, Message request, int status, String reason) throws IOException {
        LOG.warn(
                "Association {}: C-STORE of {} from {} not stored ({}): {}",
                association.id(),
                request.command().getString(Command.AffectedSOPInstanceUID),
                association.callingAeTitle(),
                Status.hex(status),
                reason);
        association.respond(request, status, reason);
    }

    /** Why the data set does not match its command, or null when it does. Reads the header only. */
    private static String mismatch(ReceivedData.Spooled spooled, String sopClass, String sopInstance)
            throws IOException {
        try (InputStream in = new BufferedInputStream(spooled.open(), 16 * 1024);
                DicomStream dicom = DicomReader.stream(in)) {
            Dataset header = dicom.dataset();
            String datasetClass = header.getString(Tag.SOPClassUID);
            String datasetInstance = header.getString(Tag.SOPInstanceUID);
            if (!Objects.equals(datasetClass, sopClass)) {
                return "data set SOP Class " + datasetClass + ", command " + sopClass;
            }
            if (!Objects.equals(datasetInstance, sopInstance)) {
                return "data set SOP Instance " + datasetInstance + ", command " + sopInstance;
            }
            return null;
        }
    }

    /**
     * Writes a C-STORE's data set after a File Meta Information header as it arrives: into memory while it fits the
     * {@link IntakeMemory} taken for it, else into a Part 10 spool file. Past the largest instance stored, or when the
     * file cannot be written, the rest is dropped and the request answered A700.
     */
    private final class SpoolSink implements DataSink {
        private HeldBytes held;
        private Path file;
        private OutputStream out;
        private long received;
        private String refusal;

        SpoolSink(Association association, AcceptedContext context, Dataset command) {
            try {
                Optional<byte[]> buffer = memory.take(IntakeMemory.INSTANCE_BYTES);
                if (buffer.isPresent()) {
                    held = new HeldBytes(buffer.get());
                    out = held;
                } else {
                    spill();
                }
                Dataset fileMeta = new Dataset();
                fileMeta.putStrings(Tag.SourceApplicationEntityTitle, VR.AE, association.callingAeTitle());
                DicomWriter.writeFileStart(
                        out,
                        fileMeta,
                        Objects.requireNonNullElse(command.getString(Command.AffectedSOPClassUID), ""),
                        Objects.requireNonNullElse(command.getString(Command.AffectedSOPInstanceUID), ""),
                        context.transferSyntax());
            } catch (IOException e) {
                refuse("cannot spool the data set: " + e.getMessage());
            }
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            received += length;
            if (refusal != null) {
                return;
            }
            if (received > maxInstanceBytes) {
                refuse("instance over " + maxInstanceBytes + " bytes, the largest stored");
                return;
            }
            try {
                if (held != null && held.size() + length > held.bytes().length) {
                    spill();
                }
                out.write(buffer, offset, length);
            } catch (IOException e) {
                refuse("cannot spool the data set: " + e.getMessage());
            }
        }

        /** Goes on in a file, with what was held so far; the memory is given back. */
        private void spill() throws IOException {
            file = Files.createTempFile(spoolDirectory, SPOOL_PREFIX, ".dcm");
            out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            if (held != null) {
                out.write(held.bytes(), 0, held.size());
                memory.give(held.bytes());
                held = null;
            }
        }

        @Override
        public ReceivedData finish() {
            if (refusal != null) {
                return new ReceivedData.Refused(refusal);
            }
            if (held != null) {
                HeldBytes whole = held;
                held = null; // the buffer is the message's now, given back when it is discarded
                return ReceivedData.Spooled.held(whole.bytes(), whole.size(), () -> memory.give(whole.bytes()));
            }
            try {
                out.close();
                return ReceivedData.Spooled.inFile(file);
            } catch (IOException e) {
                refuse("cannot spool the data set: " + e.getMessage());
                return new ReceivedData.Refused(refusal);
            }
        }

        @Override
        public void discard() {
            refuse("discarded");
        }

        private void refuse(String reason) {
            if (refusal == null) {
                refusal = reason;
            }
            if (held != null) {
                memory.give(held.bytes());
                held = null;
            }
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException ignored) {
                // deleted next
            }
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                LOG.warn("Cannot delete spool file {}: {}", file, e.toString());
            }
        }
    }

    /** Bytes written into a buffer of {@link IntakeMemory}, read in place; the writer spills before it is full. */
    private static final class HeldBytes extends ByteArrayOutputStream {
        HeldBytes(byte[] buffer) {
            super(0);
            buf = buffer;
        }

        byte[] bytes() {
            return buf;
        }
    }
}
