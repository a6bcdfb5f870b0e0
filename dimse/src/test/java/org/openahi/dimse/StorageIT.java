package org.openahi.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoRow;
import org.openahi.core.importing.IntakeMemory;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.PresentationContext;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/** C-STORE with DCMTK's storescu: every transfer syntax the write path imports is accepted and stored. */
class StorageIT {
    /**
     * One file per kind of transfer syntax openahi imports: native (three encodings, deflated), RLE, HTJ2K, JPEG
     * baseline, JPEG-LS, JPEG Lossless, JPEG 2000.
     */
    static final List<String> IMPORTED = List.of(
            "dcm_qa_ts/1.dcm",
            "dcm_qa_ts/2.dcm",
            "dcm_qa_ts/3.dcm",
            "dcm_qa_ts/4.dcm",
            "pydicom/test_files/image_dfl.dcm",
            "pydicom/test_files/SC_rgb_dcmtk_+eb+cy+n2.dcm",
            "pydicom/test_files/CT_small.dcm",
            "dcm_qa_ts/7.dcm",
            "dcm_qa_ts/5.dcm",
            "dcm_qa_ts/9.dcm");
    /** HTJ2K lossless and lossy, which DCMTK 3.6.7 does not know. */
    static final List<String> HTJ2K = List.of("pydicom-data/HTJ2KLossless_08_RGB.dcm", "pydicom-data/HTJ2K_08_RGB.dcm");

    @TempDir
    Path directory;

    @Test
    void storescuStoresOneFileOfEveryImportedTransferSyntaxInItsOwnSyntax() throws Exception {
        try (TestArchive archive = TestArchive.start(directory)) {
            for (String relative : IMPORTED) {
                // a data store each: files of one series that disagree on SeriesNumber would go to non-primary image
                // sets
                String aeTitle = "TS" + IMPORTED.indexOf(relative);
                String datastoreId = archive.createDatastore(aeTitle);
                Path file = SharedCorpus.dicom(relative);
                Oracles.Result result = StoreScu.send(directory, aeTitle, archive.port(), file);
                assertThat(result.exitCode())
                        .as(relative + ": " + result.stderr())
                        .isZero();
                assertThat(result.stderr()).as(relative).contains("Received Store Response (Success)");
                Dataset source = DicomReader.read(file).dataset();
                assertThat(instances(archive, datastoreId, source)).as(relative).hasSize(1);
            }
        }
    }

    @Test
    void anInstanceLargerThanWhatIsHeldInMemoryIsSpooledToAFileAndStored() throws Exception {
        Path file = SharedCorpus.dicom("pydicom-data/MR2_UNCR.dcm");
        assertThat(Files.size(file)).isGreaterThan(IntakeMemory.INSTANCE_BYTES);
        try (TestArchive archive = TestArchive.start(directory)) {
            String datastoreId = archive.createDatastore("LARGE");
            Oracles.Result result = StoreScu.send(directory, "LARGE", archive.port(), file);
            assertThat(result.stderr()).contains("Received Store Response (Success)");
            assertThat(instances(archive, datastoreId, DicomReader.read(file).dataset()))
                    .hasSize(1);
        }
    }

    @Test
    void htj2kInstancesAreStoredInTheirOwnSyntax() throws Exception {
        try (TestArchive archive = TestArchive.start(directory)) {
            String datastoreId = archive.createDatastore("ARCHIVE");
            List<Path> files = HTJ2K.stream().map(SharedCorpus::dicom).toList();
            List<Dataset> stored = new ArrayList<>();
            try (TestScu scu = TestScu.open(
                    archive.port(),
                    "ARCHIVE",
                    TestScu.contextsFor(files),
                    List.of(),
                    org.openahi.dimse.ul.MessageHandler.NONE)) {
                for (Path file : files) {
                    DicomFile dicom = DicomReader.read(file);
                    Dataset dataset = dicom.dataset();
                    assertThat(scu.store(dataset, dicom.transferSyntaxUid()).status())
                            .as("the files lack a study")
                            .isEqualTo(Status.CANNOT_UNDERSTAND);
                    dataset.putStrings(Tag.StudyInstanceUID, VR.UI, "2.25.1" + files.indexOf(file));
                    dataset.putStrings(Tag.SeriesInstanceUID, VR.UI, "2.25.2" + files.indexOf(file));
                    assertThat(scu.store(dataset, dicom.transferSyntaxUid()).status())
                            .as(file.toString())
                            .isEqualTo(Status.SUCCESS);
                    stored.add(dataset);
                }
            }
            // answered once staged; searchable by anyone once the association is released
            for (Dataset dataset : stored) {
                assertThat(instances(archive, datastoreId, dataset)).hasSize(1);
            }
        }
    }

    @Test
    void aTransferSyntaxTheWritePathDoesNotImportIsRefusedInNegotiation() throws Exception {
        // Every syntax of the corpus is imported: JPEG XL lossless, which openahi does not decode, is proposed instead.
        String ctImageStorage = "1.2.840.10008.5.1.4.1.1.2";
        try (TestArchive archive = TestArchive.start(directory)) {
            archive.createDatastore("ARCHIVE");
            try (TestScu scu = TestScu.open(
                    archive.port(),
                    "ARCHIVE",
                    List.of(new PresentationContext.Proposed(
                            1, ctImageStorage, List.of(TransferSyntax.JPEGXLLossless.uid()))),
                    List.of(),
                    org.openahi.dimse.ul.MessageHandler.NONE)) {
                assertThat(scu.association.contextsFor(ctImageStorage)).isEmpty();
            }
        }
    }

    static List<QidoRow.Instance> instances(TestArchive archive, String datastoreId, Dataset source) {
        QidoQuery query = new QidoQuery(
                datastoreId,
                Optional.of(source.getString(Tag.StudyInstanceUID)),
                Optional.empty(),
                List.of(new QidoQuery.AnyOf(
                        QidoQuery.Key.SOP_INSTANCE_UID, List.of(source.getString(Tag.SOPInstanceUID)))),
                0,
                10);
        return new ArrayList<>(archive.store.read(tx -> tx.imageSets().searchInstances(query)));
    }
}
