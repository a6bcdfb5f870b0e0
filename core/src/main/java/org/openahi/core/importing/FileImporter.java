package org.openahi.core.importing;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.metadata.AppliedOverride;
import org.openahi.core.metadata.FrameRecord;
import org.openahi.core.metadata.InstanceMetadata;
import org.openahi.core.metadata.InstanceMetadataWriter;
import org.openahi.core.metadata.InstanceUids;
import org.openahi.core.metadata.LevelOverride;
import org.openahi.core.metadata.MetadataLevel;
import org.openahi.core.metadata.SummaryLimits;
import org.openahi.core.pixels.EncodedFrame;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.pixels.PendingFrame;
import org.openahi.core.pixels.PixelVerificationException;
import org.openahi.core.pixels.StoragePlan;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.core.store.Ids;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomStream;
import org.openahi.dicom.io.Frame;
import org.openahi.dicom.io.ReadOptions;

/**
 * Imports one input file up to the job's commit: reads it as a stream (memory does not grow with the file),
 * stores each frame as a blob (in the data store's lossless format after verification, or as it arrived:
 * {@link StoragePlan}; an uncompressed frame as a {@link PendingFrame}, encoded later by {@link PendingFrames}), and
 * builds the instance's part of the metadata document. A file that cannot be imported
 * (a frame that does not decode among them) becomes a FAILURE outcome with the reason; the blobs it had written are
 * removed.
 */
final class FileImporter {

    private final BlobStore blobs;
    private final FrameTranscoder transcoder;
    private final ReadOptions readOptions;
    private final PendingFrames pending;

    /** @param pending where uncompressed frames may be stored before they are encoded */
    FileImporter(BlobStore blobs, FrameTranscoder transcoder, ReadOptions readOptions, PendingFrames pending) {
        this.blobs = blobs;
        this.transcoder = transcoder;
        this.readOptions = readOptions;
        this.pending = pending;
    }

    /**
     * Either the staged instance, with the attributes it took from metadata mappings instead of its own, or the
     * file's FAILURE outcome.
     */
    record Result(Optional<StagedInstance> staged, Optional<FileOutcome> failure, List<AppliedOverride> overrides) {
        static Result staged(StagedInstance instance, List<AppliedOverride> overrides) {
            return new Result(Optional.of(instance), Optional.empty(), List.copyOf(overrides));
        }

        static Result failed(String inputFile, FileFailure failure, String message) {
            return new Result(
                    Optional.empty(), Optional.of(FileOutcome.failure(inputFile, failure, message)), List.of());
        }
    }

    /** A reason a file is refused. */
    private static final class Refused extends Exception {
        private final FileFailure failure;

        Refused(FileFailure failure, String message) {
            super(message);
            this.failure = failure;
        }
    }

    /**
     * @param workId the import job (or STOW-RS request) the frame blobs are written for
     * @param name what outcomes call the file (its key in the input folder, or its part in a request)
     * @param format the data store's lossless storage format, which transcoded frames are stored in
     */
    Result importFile(
            String workId,
            int sequence,
            String name,
            long size,
            InputOpener source,
            ImportLimits limits,
            LosslessStorageFormat format) {
        return importFile(workId, sequence, name, size, source, limits, format, MetadataMappings.NONE);
    }

    /** As above, the instance taking the attributes of the job's metadata mappings that name its study or series. */
    Result importFile(
            String workId,
            int sequence,
            String name,
            long size,
            InputOpener source,
            ImportLimits limits,
            LosslessStorageFormat format,
            MetadataMappings mappings) {
        if (size > limits.maxFileBytes()) {
            return Result.failed(
                    name,
                    FileFailure.INVALID_FILE,
                    "The file has " + size + " bytes; files of at most " + limits.maxFileBytes()
                            + " bytes are imported");
        }
        List<String> written = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(source.open(), 64 * 1024);
                DicomStream dicom = DicomReader.stream(in, readOptions)) {
            List<AppliedOverride> applied = new ArrayList<>();
            return Result.staged(stage(workId, sequence, name, dicom, written, format, mappings, applied), applied);
        } catch (Refused e) {
            deleteQuietly(written);
            return Result.failed(name, e.failure, e.getMessage());
        } catch (DicomParseException e) {
            deleteQuietly(written);
            return Result.failed(name, FileFailure.INVALID_FILE, "Not a readable DICOM file: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(written);
            return Result.failed(name, FileFailure.SERVER_ERROR, "The file could not be imported: " + e);
        }
    }

    private StagedInstance stage(
            String jobId,
            int sequence,
            String inputFile,
            DicomStream dicom,
            List<String> written,
            LosslessStorageFormat format,
            MetadataMappings mappings,
            List<AppliedOverride> applied)
            throws IOException, Refused {
        Dataset fileMeta = dicom.fileMeta();
        String transferSyntax = fileMeta.getString(Tag.TransferSyntaxUID);
        if (transferSyntax == null) {
            throw new Refused(
                    FileFailure.INVALID_FILE,
                    "DICOM attribute TransferSyntaxUID does not exist"
                            + (fileMeta.isEmpty()
                                    ? ": the file has no File Meta Information (PS3.10 section 7.1)"
                                    : " in the File Meta Information (PS3.10 section 7.1)"));
        }
        Dataset header = dicom.dataset();
        String sopInstanceUid = requiredUid(header, Tag.SOPInstanceUID, "SOPInstanceUID");
        String studyInstanceUid = requiredUid(header, Tag.StudyInstanceUID, "StudyInstanceUID");
        String seriesInstanceUid = requiredUid(header, Tag.SeriesInstanceUID, "SeriesInstanceUID");
        List<LevelOverride> overrides;
        try {
            overrides = mappings.forInstance(studyInstanceUid, seriesInstanceUid);
        } catch (MetadataMappings.Unusable e) {
            throw new Refused(FileFailure.INVALID_FILE, e.getMessage());
        }
        IntFunction<String> value = tag -> overrides.stream()
                .filter(o -> o.levels().contains(MetadataLevel.of(tag))
                        && o.attributes().contains(tag))
                .findFirst()
                .map(o -> o.attributes().getString(tag))
                .orElseGet(() -> header.getString(tag));
        Optional<String> tooLong = SummaryLimits.violation(
                keyword -> value.apply(Dictionary.forKeyword(keyword).tag()));
        if (tooLong.isPresent()) {
            throw new Refused(FileFailure.INVALID_FILE, tooLong.get());
        }
        ImageSetIdentity identity = new ImageSetIdentity(
                value.apply(Tag.PatientID),
                studyInstanceUid,
                value.apply(Tag.StudyDate),
                value.apply(Tag.AccessionNumber),
                value.apply(Tag.StudyID),
                seriesInstanceUid,
                value.apply(Tag.SeriesNumber));

        List<FrameRecord> records = new ArrayList<>();
        List<StagedInstance.StagedFrame> frames = new ArrayList<>();
        String storedTransferSyntax = transferSyntax;
        Optional<String> warning = Optional.empty();
        Optional<String> storedPhotometric = Optional.empty();
        if (dicom.hasPixelData()) {
            StoragePlan plan;
            try {
                plan = StoragePlan.of(transferSyntax, header);
            } catch (UnsupportedPixelsException e) {
                throw new Refused(FileFailure.INVALID_FILE, e.getMessage());
            }
            SyntaxRule stored = storedSyntax(plan, format);
            storedTransferSyntax = stored.uid();
            warning = plan instanceof StoragePlan.StoreNative storeNative
                    ? Optional.of(storeNative.warning())
                    : Optional.empty();
            storedPhotometric = switch (plan) {
                case StoragePlan.Keep keep -> Optional.empty();
                case StoragePlan.StoreNative storeNative -> storeNative.photometric();
                case StoragePlan.Transcode transcode -> transcode.photometric();
            };
            if (plan instanceof StoragePlan.Keep keep && keep.wholeStreamIsOneFrame()) {
                storeVideo(jobId, dicom, keep, header, written, frames, records);
            } else {
                String contentType = stored.frameContentType().orElseThrow();
                for (Frame frame = dicom.nextFrame(); frame != null; frame = dicom.nextFrame()) {
                    store(jobId, frame, plan, format, contentType, header, written, frames, records);
                }
            }
        }
        Dataset dataset = dicom.finish();
        if (storedPhotometric.isPresent()) {
            // The stored frames' samples are no longer what the file's Photometric Interpretation describes.
            dataset.putStrings(Tag.PhotometricInterpretation, VR.CS, storedPhotometric.get());
        }
        if (dicom.hasPixelData()) {
            markLossy(transferSyntax, dataset);
        }
        InstanceMetadata metadata = InstanceMetadataWriter.write(
                sopInstanceUid,
                seriesInstanceUid,
                fileMeta,
                dataset,
                dicom.hasPixelData() ? Element.of(dicom.pixelDataTag(), dicom.pixelDataVr(), new byte[0]) : null,
                storedTransferSyntax,
                records,
                overrides,
                applied);
        return new StagedInstance(
                Ids.newId(),
                sequence,
                inputFile,
                Optional.ofNullable(header.getString(Tag.SOPClassUID)),
                identity,
                metadata,
                frames,
                warning);
    }

    /**
     * Frames that arrived in a lossy syntax have been through lossy compression, which Lossy Image Compression says
     * (PS3.3 C.7.6.1.1.5: 01, never reset) where the sender left it out or at 00: once decoded, or stored in a lossless
     * syntax, nothing else would tell a reader, as DCMTK's and GDCM's decoders also set it.
     */
    private static void markLossy(String transferSyntax, Dataset dataset) {
        boolean lossy =
                TransferSyntaxTable.find(transferSyntax).map(SyntaxRule::lossy).orElse(false);
        String marked = dataset.getString(Tag.LossyImageCompression);
        if (lossy && (marked == null || !marked.strip().equals("01"))) {
            dataset.putStrings(Tag.LossyImageCompression, VR.CS, "01");
        }
    }

    /** A video stream is one frame of any size: spooled to a temporary file, so memory does not grow with it. */
    private void storeVideo(
            String jobId,
            DicomStream dicom,
            StoragePlan.Keep plan,
            Dataset header,
            List<String> written,
            List<StagedInstance.StagedFrame> frames,
            List<FrameRecord> records)
            throws IOException {
        Path spool = Files.createTempFile("openahi-video-", ".bin");
        try {
            CRC32 crc = new CRC32();
            try (OutputStream out = new CheckedOutputStream(Files.newOutputStream(spool), crc)) {
                for (Frame frame = dicom.nextFrame(); frame != null; frame = dicom.nextFrame()) {
                    try (InputStream in = frame.openStream()) {
                        in.transferTo(out);
                    }
                }
            }
            long size = Files.size(spool);
            String frameId = Ids.newId();
            String blobKey = BlobCleanup.workBlobKey("frames/", jobId, frameId);
            written.add(blobKey);
            try (InputStream in = Files.newInputStream(spool)) {
                blobs.put(blobKey, in, size);
            }
            frames.add(new StagedInstance.StagedFrame(frameId, blobKey, plan.contentType(), size));
            records.add(new FrameRecord(
                    frameId,
                    size,
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    header.getInt(Tag.Columns, 0),
                    header.getInt(Tag.Rows, 0),
                    crc.getValue()));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** The transfer syntax the plan stores frames in. */
    private static SyntaxRule storedSyntax(StoragePlan plan, LosslessStorageFormat format) {
        return switch (plan) {
            case StoragePlan.Keep keep -> keep.syntax();
            case StoragePlan.StoreNative stored -> TransferSyntaxTable.storedNative();
            case StoragePlan.Transcode transcode -> TransferSyntaxTable.storedLossless(format);
        };
    }

    /** Encodes (or keeps) one frame, stores it as a blob and records it for the metadata document. */
    private void store(
            String jobId,
            Frame frame,
            StoragePlan plan,
            LosslessStorageFormat format,
            String contentType,
            Dataset header,
            List<String> written,
            List<StagedInstance.StagedFrame> frames,
            List<FrameRecord> records)
            throws IOException, Refused {
        String frameId = Ids.newId();
        boolean later =
                plan instanceof StoragePlan.Transcode transcode && transcode.uncompressed() && pending.accepting();
        String blobKey = BlobCleanup.workBlobKey(later ? PendingFrame.FOLDER : "frames/", jobId, frameId);
        written.add(blobKey);
        FrameWrite write = new FrameWrite(blobKey);
        EncodedFrame encoded;
        try {
            encoded = later
                    ? storedLater(frame.readAllBytes(), (StoragePlan.Transcode) plan, format)
                    : encode(frame.readAllBytes(), plan, format, header, write::start);
            write.finish(encoded.bytes());
            if (later) {
                pending.stored(encoded.bytes().length);
            }
        } catch (Refused e) {
            throw new Refused(e.failure, "frame " + (frame.index() + 1) + ": " + e.getMessage());
        } finally {
            write.settle();
        }
        transcoder.stored(blobKey, encoded);
        frames.add(new StagedInstance.StagedFrame(frameId, blobKey, contentType, encoded.bytes().length));
        records.add(new FrameRecord(
                frameId,
                encoded.frameSizeInBytes(),
                encoded.minPixelValue(),
                encoded.maxPixelValue(),
                encoded.width(),
                encoded.height(),
                encoded.checksum()));
    }

    /** The frame as a {@link PendingFrame}, encoded later. */
    private EncodedFrame storedLater(byte[] frame, StoragePlan.Transcode plan, LosslessStorageFormat format)
            throws Refused {
        try {
            return transcoder.pending(frame, plan, format);
        } catch (UnsupportedPixelsException e) {
            throw new Refused(FileFailure.INVALID_FILE, e.getMessage());
        }
    }

    // Runs on the import, STOW-RS and DIMSE workers, platform threads: no need for CodecThreads.run.
    private EncodedFrame encode(
            byte[] frame, StoragePlan plan, LosslessStorageFormat format, Dataset header, Consumer<byte[]> encoded)
            throws Refused {
        try {
            if (plan instanceof StoragePlan.Transcode transcode) {
                return transcoder.transcode(frame, transcode, format, encoded);
            }
            byte[] stored = plan instanceof StoragePlan.StoreNative storeNative
                    ? transcoder.toNative(frame, storeNative)
                    : frame;
            CRC32 crc = new CRC32();
            crc.update(stored);
            return new EncodedFrame(
                    stored,
                    stored.length,
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    header.getInt(Tag.Columns, 0),
                    header.getInt(Tag.Rows, 0),
                    crc.getValue(),
                    Optional.empty());
        } catch (UnsupportedPixelsException e) {
            throw new Refused(FileFailure.INVALID_FILE, e.getMessage());
        } catch (PixelVerificationException e) {
            throw new Refused(FileFailure.SERVER_ERROR, e.getMessage());
        }
    }

    /**
     * A frame's blob, written on a virtual thread from the moment the frame is encoded, so that the write and its
     * fsync (about a millisecond for a CT slice) overlap the verifying decode instead of following it.
     */
    private final class FrameWrite {
        private final String blobKey;
        private FutureTask<Void> task;

        FrameWrite(String blobKey) {
            this.blobKey = blobKey;
        }

        void start(byte[] stored) {
            task = new FutureTask<>(() -> {
                blobs.put(blobKey, new ByteArrayInputStream(stored), stored.length);
                return null;
            });
            Thread.ofVirtual().name("frame-write").start(task);
        }

        /** Returns once the frame is stored: written now when it was not encoded here (kept as it came). */
        void finish(byte[] stored) throws IOException {
            if (task == null) {
                blobs.put(blobKey, new ByteArrayInputStream(stored), stored.length);
                return;
            }
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while storing frame blob " + blobKey);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }

        /**
         * Waits until a started write has ended, however it ended: a refused file's blobs are deleted next, and a
         * write still running could create one after its deletion.
         */
        void settle() {
            boolean interrupted = false;
            while (task != null && !task.isDone()) {
                try {
                    task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A Study, Series or SOP Instance UID: present, and a UID ({@link InstanceUids}). */
    private static String requiredUid(Dataset dataset, int tag, String keyword) throws Refused {
        String value = dataset.getString(tag);
        if (value == null || value.isBlank()) {
            throw new Refused(FileFailure.INVALID_FILE, "DICOM attribute " + keyword + " does not exist");
        }
        Optional<String> notAUid = InstanceUids.problem(keyword, value.strip());
        if (notAUid.isPresent()) {
            throw new Refused(FileFailure.INVALID_FILE, notAUid.get());
        }
        return value.strip();
    }

    private void deleteQuietly(List<String> keys) {
        for (String key : keys) {
            try {
                blobs.delete(key);
            } catch (IOException e) {
                // Left for the orphan cleanup.
            }
        }
    }
}
