package org.openahi.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.memory.MemoryCore;
import org.openahi.core.metadata.DocumentFields;
import org.openahi.core.pixels.DecodedFrameSink;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.work.Lease;
import org.openahi.core.work.LeaseLostException;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;

/** An import job from its start to its commit, on the in-memory ports: StartDICOMImportJob's work without HTTP. */
class ImportJobWorkTest {
    /** Two series of one study, two single-frame MR instances each. */
    private static final String SERIES_A = "1.3.12.2.1107.5.2.32.35131.2014031012481958900586557.0.0.0";

    private static final String SERIES_B = "1.3.12.2.1107.5.2.32.35131.2014031012523712371987217.0.0.0";

    private final MemoryCore core = new MemoryCore();

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void aJobsFilesAreCommittedAsOneImageSetPerSeriesWithTheirFramesOutcomesAndManifest() throws IOException {
        String ds = core.createDatastore();
        String folder = core.inputFolder(
                MemoryCore.corpusFiles("dcm_qa/Orientation/ax/axasc35", "dcm_qa/Orientation/ax/axasc36"));
        core.folders.put(folder + "notes.txt", "not DICOM".getBytes(StandardCharsets.UTF_8));
        ImportJob started = core.startImport(ds, folder);
        assertThat(started.status()).isEqualTo(ImportJobStatus.SUBMITTED);

        assertThat(core.importJobWorkers.runClaimableNow()).isEqualTo(1);

        ImportJob job = read(started.id());
        assertThat(job.status()).isEqualTo(ImportJobStatus.COMPLETED);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.outputsPending()).isFalse();
        assertThat(job.progress()).isEqualTo(new ImportProgress(5, 4, 1));

        List<FileOutcome> outcomes = core.store.read(tx -> tx.importJobs().outcomes(job.id()));
        assertThat(outcomes).hasSize(5);
        assertThat(outcomes)
                .filteredOn(outcome -> outcome.kind() == FileOutcome.Kind.FAILURE)
                .singleElement()
                .satisfies(failed -> {
                    assertThat(failed.inputFile()).endsWith("/notes.txt");
                    assertThat(failed.failure()).contains(FileFailure.INVALID_FILE);
                });

        for (String series : List.of(SERIES_A, SERIES_B)) {
            ImageSet set = primaryOf(ds, series);
            assertThat(set.latestVersion()).isEqualTo(1);
            assertThat(set.state()).isEqualTo(ImageSetState.ACTIVE);
            assertThat(set.workflowStatus()).isEqualTo(WorkflowStatus.CREATED);
            assertThat(outcomes)
                    .filteredOn(outcome -> outcome.imageSetId().equals(Optional.of(set.id())))
                    .hasSize(2)
                    .allSatisfy(outcome -> assertThat(outcome.kind()).isEqualTo(FileOutcome.Kind.SUCCESS));
            List<StoredFrame> frames = core.store.read(tx -> tx.imageSets().frames(set.id()));
            assertThat(frames).hasSize(2);
            for (StoredFrame frame : frames) {
                try (InputStream blob = core.blobs.get(frame.blobKey())) {
                    assertThat(blob.readAllBytes()).hasSize((int) frame.size());
                }
            }
            JsonNode instances = core.metadata(ds, set.id(), Optional.empty())
                    .path(DocumentFields.STUDY)
                    .path(DocumentFields.SERIES)
                    .path(series)
                    .path(DocumentFields.INSTANCES);
            assertThat(instances.size()).isEqualTo(2);
        }
        assertThat(core.store.<Integer>read(tx -> tx.staging().countStaged(ds)))
                .as("what the job staged was committed")
                .isZero();
        List<ImportStorage.InputObject> manifest = core.folders.list(job.outputUri());
        assertThat(manifest)
                .singleElement()
                .satisfies(file -> assertThat(file.key()).endsWith("/outcomes.txt"));
        try (InputStream in = core.folders.open(manifest.get(0))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines())
                    .hasSize(5)
                    .filteredOn(line -> line.startsWith("SUCCESS "))
                    .hasSize(4);
        }
    }

    @Test
    void importingASeriesAgainMakesANewVersionOfItsImageSetAndLeavesTheOthersAlone() throws IOException {
        String ds = core.createDatastore();
        core.importFiles(ds, MemoryCore.corpusFiles("dcm_qa/Orientation/ax/axasc35", "dcm_qa/Orientation/ax/axasc36"));
        ImageSet first = primaryOf(ds, SERIES_A);

        ImportJob again = core.importFiles(ds, MemoryCore.corpusFiles("dcm_qa/Orientation/ax/axasc35"));

        assertThat(again.status()).isEqualTo(ImportJobStatus.COMPLETED);
        ImageSet reimported = primaryOf(ds, SERIES_A);
        assertThat(reimported.id()).isEqualTo(first.id());
        assertThat(reimported.latestVersion()).isEqualTo(2);
        assertThat(reimported.workflowStatus()).isEqualTo(WorkflowStatus.IMPORTED);
        assertThat(primaryOf(ds, SERIES_B).latestVersion()).isEqualTo(1);
        assertThat(core.metadata(ds, first.id(), Optional.of("1"))
                        .path(DocumentFields.STUDY)
                        .path(DocumentFields.SERIES)
                        .path(SERIES_A)
                        .path(DocumentFields.INSTANCES)
                        .size())
                .as("version 1 keeps its document")
                .isEqualTo(2);
    }

    /**
     * pydicom's near-lossless JPEG-LS files leave Lossy Image Compression out; their decoded frames, stored
     * losslessly, then said nothing of the loss. A lossy syntax marks the instance 01 (00 too); others are left alone.
     */
    @Test
    void anInstanceThatArrivedInALossySyntaxIsMarkedLossyImageCompression01(@TempDir Path dir) throws IOException {
        String ds = core.createDatastore();
        Path absent = write(dir, "1", TransferSyntax.JPEGBaseline8Bit, null);
        Path zero = write(dir, "2", TransferSyntax.JPEGBaseline8Bit, "00");
        Path lossless = write(dir, "3", TransferSyntax.ExplicitVRLittleEndian, null);

        assertThat(core.importFiles(ds, List.of(absent, zero, lossless)).progress())
                .isEqualTo(new ImportProgress(3, 3, 0));

        assertThat(lossyImageCompression(ds, "1")).isEqualTo("01");
        assertThat(lossyImageCompression(ds, "2")).isEqualTo("01");
        assertThat(lossyImageCompression(ds, "3"))
                .as("native pixel data is not marked")
                .isNull();
    }

    /** pydicom's ExplVR_LitEndNoMeta.dcm: a data set without File Meta Information is not a Part 10 file. */
    @Test
    void aDataSetWithoutFileMetaInformationIsRefusedSayingSo(@TempDir Path dir) throws IOException {
        String ds = core.createDatastore();
        Path part10 = write(dir, "1", TransferSyntax.ExplicitVRLittleEndian, null);
        Path bare = dir.resolve("no-meta.dcm");
        try (OutputStream out = Files.newOutputStream(bare)) {
            DicomWriter.writeDataset(out, DicomReader.read(part10).dataset(), TransferSyntax.ExplicitVRLittleEndian);
        }

        ImportJob job = core.importFiles(ds, List.of(bare));

        assertThat(job.progress()).isEqualTo(new ImportProgress(1, 0, 1));
        List<FileOutcome> outcomes = core.store.read(tx -> tx.importJobs().outcomes(job.id()));
        assertThat(outcomes)
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.message())
                        .contains("DICOM attribute TransferSyntaxUID does not exist: the file has no File Meta"
                                + " Information (PS3.10 section 7.1)"));
    }

    private static final String LOSSY_STUDY = "2.25.4120098710023";

    /** A 2 x 2 MONOCHROME2 instance in its own series; an encapsulated frame is kept, never decoded, at import. */
    private static Path write(Path dir, String series, TransferSyntax syntax, String lossyImageCompression)
            throws IOException {
        Dataset dataset = new Dataset();
        dataset.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.putStrings(Tag.SOPInstanceUID, VR.UI, LOSSY_STUDY + "." + series + ".1");
        dataset.putStrings(Tag.StudyInstanceUID, VR.UI, LOSSY_STUDY);
        dataset.putStrings(Tag.SeriesInstanceUID, VR.UI, LOSSY_STUDY + "." + series);
        dataset.putStrings(Tag.PatientID, VR.LO, "LOSSY-1");
        dataset.putLongs(Tag.SamplesPerPixel, VR.US, 1);
        dataset.putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        dataset.putLongs(Tag.Rows, VR.US, 2);
        dataset.putLongs(Tag.Columns, VR.US, 2);
        dataset.putLongs(Tag.BitsAllocated, VR.US, 8);
        dataset.putLongs(Tag.BitsStored, VR.US, 8);
        dataset.putLongs(Tag.HighBit, VR.US, 7);
        dataset.putLongs(Tag.PixelRepresentation, VR.US, 0);
        if (lossyImageCompression != null) {
            dataset.putStrings(Tag.LossyImageCompression, VR.CS, lossyImageCompression);
        }
        dataset.put(
                syntax.encapsulated()
                        ? Element.of(Tag.PixelData, VR.OB, new Fragments(new long[0], List.of(BulkData.of(new byte[] {
                            -1, -40, 0, 0, -1, -39
                        }))))
                        : Element.of(Tag.PixelData, VR.OB, new byte[] {1, 2, 3, 4}));
        Path file = dir.resolve(series + ".dcm");
        DicomWriter.write(file, dataset, syntax);
        return file;
    }

    private String lossyImageCompression(String ds, String series) throws IOException {
        String seriesUid = LOSSY_STUDY + "." + series;
        JsonNode value = core.metadata(ds, primaryOf(ds, seriesUid).id(), Optional.empty())
                .path(DocumentFields.STUDY)
                .path(DocumentFields.SERIES)
                .path(seriesUid)
                .path(DocumentFields.INSTANCES)
                .path(seriesUid + ".1")
                .path("DICOM")
                .path("LossyImageCompression");
        return value.isMissingNode() ? null : value.asText();
    }

    /** A run that lost its job to another node reads none of the job's files still queued: at most one per worker. */
    @Test
    void aRunThatLostItsLeaseReadsNoMoreOfItsFiles() throws Exception {
        String ds = core.createDatastore();
        List<Path> files = MemoryCore.corpusFiles("dcm_qa_ge/01_Ax_DWI_TENSOR_R2");
        String jobId = core.startImport(ds, core.inputFolder(files)).id();
        Lease lease = core.claimImport(jobId, "node-1");
        int workers = 2;
        int takenOverAt = 3;
        AtomicInteger opened = new AtomicInteger();
        ImportStorage storage = new ImportStorage() {
            @Override
            public boolean serves(String uri) {
                return core.folders.serves(uri);
            }

            @Override
            public void checkAllowed(String uri) {
                core.folders.checkAllowed(uri);
            }

            @Override
            public List<InputObject> list(String folderUri) {
                return core.folders.list(folderUri);
            }

            @Override
            public InputStream open(InputObject object) throws IOException {
                if (opened.incrementAndGet() == takenOverAt) {
                    core.clock.advance(MemoryCore.LEASE.plusSeconds(1));
                    Instant now = core.clock.instant();
                    core.store.write(
                            tx -> tx.leases().claim("import", jobId, "node-2", now, now.plus(MemoryCore.LEASE)));
                }
                return core.folders.open(object);
            }

            @Override
            public void write(String folderUri, String name, byte[] content) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(String folderUri, String name, Path content) {
                throw new UnsupportedOperationException();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            DicomJobImporter importer = core.importer(
                    storage,
                    core.blobs,
                    new PendingFrames(
                            core.store,
                            core.blobs,
                            new FrameTranscoder(DecodedFrameSink.NONE),
                            PendingFrames.Settings.OFF),
                    pool);
            assertThatThrownBy(() -> importer.importFiles(read(jobId), lease, progress -> {}))
                    .satisfies(
                            thrown -> assertThat(LeaseLostException.in(thrown)).isPresent());
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(files).hasSizeGreaterThan(takenOverAt + workers);
        assertThat(opened.get()).isLessThanOrEqualTo(takenOverAt + workers);
    }

    private ImportJob read(String jobId) {
        return core.store.read(tx -> tx.importJobs().find(jobId)).orElseThrow();
    }

    private ImageSet primaryOf(String ds, String seriesUid) {
        return core.store.read(tx -> tx.imageSets().findPrimary(ds, seriesUid)).orElseThrow();
    }
}
