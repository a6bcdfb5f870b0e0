package org.openahi.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.dimse.message.Command;
import org.openahi.dimse.message.Requests;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.scp.ServiceClasses;
import org.openahi.dimse.ul.AcceptedContext;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.dimse.ul.Message;
import org.openahi.dimse.ul.MessageHandler;
import org.openahi.dimse.ul.PresentationContext;
import org.openahi.dimse.ul.ReceivedData;
import org.openahi.testing.SharedCorpus;

/**
 * Storage Commitment Push Model with an SCU of openahi's own upper layer (DCMTK's storescu cannot send N-ACTION):
 * stored instances are committed, unknown ones and ones of another SOP class are not, and the report comes on the
 * requester's association while it waits, or on a new association to its configured address once it has released.
 */
class StorageCommitmentIT {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String MR = "1.2.840.10008.5.1.4.1.1.4";

    @TempDir
    Path directory;

    @Test
    void theReportComesOnTheRequestersAssociationWhileItWaits() throws Exception {
        try (TestArchive archive = TestArchive.start(directory)) {
            String datastoreId = archive.createDatastore("ARCHIVE");
            String stored = storeCtSmall(archive, datastoreId);
            CompletableFuture<Message> report = new CompletableFuture<>();
            MessageHandler reports = (association, request) -> {
                report.complete(request);
                association.respond(request, Status.SUCCESS, null);
            };
            try (TestScu scu = TestScu.open(archive.port(), "ARCHIVE", commitmentContext(), List.of(), reports)) {
                Message action = requestCommitment(scu, stored);
                assertThat(action.status()).isEqualTo(Status.SUCCESS);
                assertThat(action.command().getString(Command.AffectedSOPInstanceUID))
                        .isEqualTo(ServiceClasses.STORAGE_COMMITMENT_PUSH_INSTANCE);
                assertReport(report.get(30, TimeUnit.SECONDS), stored);
            }
        }
    }

    /** C-STOREs are answered once staged; a commitment asked on the same association counts them once folded. */
    @Test
    void instancesStoredOnTheAssociationAreCommittedOnIt() throws Exception {
        try (TestArchive archive = TestArchive.start(directory)) {
            archive.createDatastore("ARCHIVE");
            Path file = SharedCorpus.dicom("pydicom/test_files/CT_small.dcm");
            String stored = DicomReader.read(file).dataset().getString(Tag.SOPInstanceUID);
            List<PresentationContext.Proposed> contexts = new ArrayList<>(TestScu.contextsFor(List.of(file)));
            contexts.add(new PresentationContext.Proposed(
                    99, ServiceClasses.STORAGE_COMMITMENT_PUSH, List.of("1.2.840.10008.1.2.1")));
            CompletableFuture<Message> report = new CompletableFuture<>();
            MessageHandler reports = (association, request) -> {
                report.complete(request);
                association.respond(request, Status.SUCCESS, null);
            };
            try (TestScu scu = TestScu.open(archive.port(), "ARCHIVE", contexts, List.of(), reports)) {
                assertThat(scu.store(file).status()).isEqualTo(Status.SUCCESS);
                assertThat(requestCommitment(scu, stored).status()).isEqualTo(Status.SUCCESS);
                assertReport(report.get(30, TimeUnit.SECONDS), stored);
            }
        }
    }

    @Test
    void aRequesterThatReleasedGetsTheReportOnANewAssociation() throws Exception {
        CompletableFuture<Message> report = new CompletableFuture<>();
        try (TestScp requesterScp = new TestScp(List.of("1.2.840.10008.1.2.1"), (association, request) -> {
            report.complete(request);
            association.respond(request, Status.SUCCESS, null);
        })) {
            DimseSettings settings = TestArchive.settings(directory)
                    .withDestinations(
                            Map.of("TESTSCU", new DimseSettings.Destination("127.0.0.1", requesterScp.port())));
            try (TestArchive archive =
                    TestArchive.start(Files.createDirectories(directory.resolve("a")), settings, DimseObserver.NONE)) {
                String datastoreId = archive.createDatastore("ARCHIVE");
                String stored = storeCtSmall(archive, datastoreId);
                try (TestScu scu =
                        TestScu.open(archive.port(), "ARCHIVE", commitmentContext(), List.of(), MessageHandler.NONE)) {
                    assertThat(requestCommitment(scu, stored).status()).isEqualTo(Status.SUCCESS);
                }
                Message received = report.get(30, TimeUnit.SECONDS);
                assertReport(received, stored);
                assertThat(requesterScp.requests).hasSize(1);
            }
        }
    }

    @Test
    void aRequestOtherThanStorageCommitmentIsRefused() throws Exception {
        try (TestArchive archive = TestArchive.start(directory)) {
            archive.createDatastore("ARCHIVE");
            try (TestScu scu =
                    TestScu.open(archive.port(), "ARCHIVE", commitmentContext(), List.of(), MessageHandler.NONE)) {
                AcceptedContext context = scu.association
                        .contextsFor(ServiceClasses.STORAGE_COMMITMENT_PUSH)
                        .get(0);
                Message wrongType = scu.invoke(
                        context,
                        Requests.action(
                                ServiceClasses.STORAGE_COMMITMENT_PUSH,
                                ServiceClasses.STORAGE_COMMITMENT_PUSH_INSTANCE,
                                7),
                        null,
                        pending -> {});
                assertThat(wrongType.status()).isEqualTo(Status.NO_SUCH_ACTION_TYPE);
                Message noInformation = scu.invoke(
                        context,
                        Requests.action(
                                ServiceClasses.STORAGE_COMMITMENT_PUSH,
                                ServiceClasses.STORAGE_COMMITMENT_PUSH_INSTANCE,
                                1),
                        null,
                        pending -> {});
                assertThat(noInformation.status()).isEqualTo(Status.INVALID_ARGUMENT_VALUE);
                assertThat(noInformation.command().getString(Command.ErrorComment))
                        .contains("Transaction UID");
            }
        }
    }

    private static String storeCtSmall(TestArchive archive, String datastoreId) throws Exception {
        Path file = SharedCorpus.dicom("pydicom/test_files/CT_small.dcm");
        archive.importFiles(datastoreId, List.of(file));
        return DicomReader.read(file).dataset().getString(Tag.SOPInstanceUID);
    }

    private static List<PresentationContext.Proposed> commitmentContext() {
        return List.of(new PresentationContext.Proposed(
                1, ServiceClasses.STORAGE_COMMITMENT_PUSH, List.of("1.2.840.10008.1.2.1")));
    }

    /** Commitment of the stored CT, an unknown instance, and the stored CT's UID under another SOP class. */
    private static Message requestCommitment(TestScu scu, String stored) throws Exception {
        Dataset information = new Dataset();
        information.putStrings(Tag.TransactionUID, VR.UI, "2.25.4242");
        Sequence references = information.putSequence(Tag.ReferencedSOPSequence);
        reference(references, CT, stored);
        reference(references, CT, "2.25.999");
        reference(references, MR, stored);
        AcceptedContext context = scu.association
                .contextsFor(ServiceClasses.STORAGE_COMMITMENT_PUSH)
                .get(0);
        return scu.invoke(
                context,
                Requests.action(
                        ServiceClasses.STORAGE_COMMITMENT_PUSH, ServiceClasses.STORAGE_COMMITMENT_PUSH_INSTANCE, 1),
                out -> DicomWriter.writeDataset(out, information, TransferSyntax.ExplicitVRLittleEndian),
                pending -> {});
    }

    private static void reference(Sequence references, String sopClass, String sopInstance) {
        Dataset item = references.addItem();
        item.putStrings(Tag.ReferencedSOPClassUID, VR.UI, sopClass);
        item.putStrings(Tag.ReferencedSOPInstanceUID, VR.UI, sopInstance);
    }

    private static void assertReport(Message report, String stored) throws Exception {
        assertThat(report.commandField()).isEqualTo(Command.N_EVENT_REPORT_RQ);
        assertThat(report.command().getInt(Command.EventTypeID, -1))
                .as("failures exist")
                .isEqualTo(2);
        byte[] bytes = ((ReceivedData.InMemory) report.data()).bytes();
        Dataset event = DicomReader.readDataset(
                new ByteArrayInputStream(bytes), report.context().transferSyntax(), ReadOptions.defaults());
        assertThat(event.getString(Tag.TransactionUID)).isEqualTo("2.25.4242");
        assertThat(event.getString(Tag.RetrieveAETitle)).isEqualTo("ARCHIVE");
        Sequence committed = event.get(Tag.ReferencedSOPSequence).items();
        assertThat(committed).singleElement().satisfies(item -> {
            assertThat(item.getString(Tag.ReferencedSOPInstanceUID)).isEqualTo(stored);
            assertThat(item.getString(Tag.ReferencedSOPClassUID)).isEqualTo(CT);
        });
        Sequence failed = event.get(Tag.FailedSOPSequence).items();
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0).getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("2.25.999");
        assertThat(failed.get(0).getInt(Tag.FailureReason, -1)).isEqualTo(Status.NO_SUCH_SOP_INSTANCE);
        assertThat(failed.get(1).getInt(Tag.FailureReason, -1)).isEqualTo(Status.CLASS_INSTANCE_CONFLICT);
    }
}
