package org.openahi.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.dimse.message.CommandSet;
import org.openahi.dimse.message.Requests;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.AssociationRejectedException;
import org.openahi.dimse.ul.AssociationSettings;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.dimse.ul.MessageHandler;
import org.openahi.dimse.ul.Pdu;
import org.openahi.dimse.ul.PduReader;
import org.openahi.dimse.ul.PduWriter;
import org.openahi.dimse.ul.PresentationContext;
import org.openahi.dimse.ul.UserInformation;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * What a peer that breaks the protocol gets: an A-ABORT (malformed, oversized or unexpected PDUs, unreadable command
 * sets), a failure status (a data set that cannot be read), the connection closed (a peer that stalls); what it leaves:
 * nothing of a data set cut short, and a listener that still answers (echoscu after every test).
 */
class BadInputIT {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final PduReader.Limits LIMITS = new PduReader.Limits(1 << 20, 1 << 20);

    @TempDir
    Path directory;

    private DimseSettings shortTimers() {
        AssociationSettings association = AssociationSettings.defaults()
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
        return TestArchive.settings(directory).withAssociation(association);
    }

    /** A peer speaking PDUs over a raw socket. */
    private static final class RawPeer implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        RawPeer(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        Pdu receive() throws Exception {
            int type = in.read();
            if (type < 0) {
                throw new EOFException("closed");
            }
            return PduReader.read(type, in, LIMITS);
        }

        /** Associates for CT storage and verification in Explicit VR Little Endian. */
        Pdu.AssociateAc associate() throws Exception {
            send(PduWriter.encode(new Pdu.AssociateRq(
                    1,
                    "ARCHIVE",
                    "RAW",
                    Pdu.DICOM_APPLICATION_CONTEXT,
                    List.of(
                            new PresentationContext.Proposed(1, CT, List.of("1.2.840.10008.1.2.1")),
                            new PresentationContext.Proposed(3, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2.1"))),
                    UserInformation.of(16384, "1.2.3", "RAW"))));
            return (Pdu.AssociateAc) receive();
        }

        /** True once the server has closed the connection (after whatever it still sends). */
        boolean closedByServer() throws IOException {
            try {
                while (in.read() >= 0) {
                    // drain
                }
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void malformedOversizedAndUnexpectedPdusAreAborted() throws Exception {
        try (TestArchive archive = TestArchive.start(directory, shortTimers(), DimseObserver.NONE)) {
            archive.createDatastore("ARCHIVE");
            try (RawPeer peer = new RawPeer(archive.port())) {
                peer.send(new byte[] {9, 0, 0, 0, 0, 4, 0, 0, 0, 0});
                assertThat(peer.receive())
                        .isEqualTo(new Pdu.Abort(Pdu.Abort.SERVICE_PROVIDER, Pdu.Abort.UNRECOGNIZED_PDU));
                assertThat(peer.closedByServer()).isTrue();
            }
            try (RawPeer peer = new RawPeer(archive.port())) {
                peer.send(PduWriter.encode(new Pdu.ReleaseRq()));
                assertThat(peer.receive())
                        .as("release before association")
                        .isEqualTo(new Pdu.Abort(Pdu.Abort.SERVICE_PROVIDER, Pdu.Abort.UNEXPECTED_PDU));
            }
            try (RawPeer peer = new RawPeer(archive.port())) {
                peer.associate();
                peer.send(new byte[] {4, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
                assertThat(peer.receive())
                        .as("P-DATA beyond the maximum announced")
                        .isEqualTo(new Pdu.Abort(Pdu.Abort.SERVICE_PROVIDER, Pdu.Abort.INVALID_PDU_PARAMETER_VALUE));
            }
            try (RawPeer peer = new RawPeer(archive.port())) {
                Pdu.AssociateAc ac = peer.associate();
                assertThat(ac.contexts()).allMatch(PresentationContext.Result::accepted);
                peer.send(PduWriter.encode(new Pdu.AssociateRq(
                        1,
                        "ARCHIVE",
                        "RAW",
                        Pdu.DICOM_APPLICATION_CONTEXT,
                        List.of(new PresentationContext.Proposed(1, CT, List.of("1.2.840.10008.1.2"))),
                        UserInformation.of(0, "1.2.3", "RAW"))));
                assertThat(peer.receive())
                        .as("a second A-ASSOCIATE-RQ")
                        .isEqualTo(new Pdu.Abort(Pdu.Abort.SERVICE_PROVIDER, Pdu.Abort.UNEXPECTED_PDU));
            }
            try (RawPeer peer = new RawPeer(archive.port())) {
                peer.associate();
                peer.send(pData(5, true, true, new byte[] {1, 2, 3, 4}));
                assertThat(peer.receive())
                        .as("a context that was not accepted")
                        .isEqualTo(new Pdu.Abort(Pdu.Abort.SERVICE_PROVIDER, Pdu.Abort.INVALID_PDU_PARAMETER_VALUE));
            }
            try (RawPeer peer = new RawPeer(archive.port())) {
                peer.associate();
                peer.send(pData(1, true, true, new byte[] {0, 0, 0, 1, 9, 0, 0, 0, 1}));
                assertThat(peer.receive())
                        .as("an unreadable command set")
                        .isEqualTo(new Pdu.Abort(Pdu.Abort.SERVICE_USER, Pdu.Abort.REASON_NOT_SPECIFIED));
            }
            try (RawPeer peer = new RawPeer(archive.port())) {
                peer.associate();
                peer.send(pData(1, false, true, new byte[] {8, 0, 0x18, 0}));
                assertThat(peer.receive())
                        .as("a data set fragment without its command")
                        .isEqualTo(new Pdu.Abort(Pdu.Abort.SERVICE_PROVIDER, Pdu.Abort.UNEXPECTED_PDU_PARAMETER));
            }
            assertEchoAnswered(archive);
        }
    }

    @Test
    void anUnreadableDataSetIsAFailureStatusAndNothingIsStored() throws Exception {
        try (TestArchive archive = TestArchive.start(directory, shortTimers(), DimseObserver.NONE)) {
            String datastoreId = archive.createDatastore("ARCHIVE");
            try (TestScu scu = TestScu.open(
                    archive.port(),
                    "ARCHIVE",
                    List.of(new PresentationContext.Proposed(1, CT, List.of("1.2.840.10008.1.2.1"))),
                    List.of(),
                    MessageHandler.NONE)) {
                var context = scu.association.contextsFor(CT).get(0);
                var response = scu.invoke(
                        context,
                        Requests.store(CT, "2.25.77", null, 0),
                        // VR bytes that are no letters: unreadable (two letters naming no VR are read, as DCMTK does).
                        out -> out.write(new byte[] {0x08, 0x00, 0x16, 0x00, 0x01, 0x02, 4, 0, 'b', 'a', 'd', '!'}),
                        p -> {});
                assertThat(response.status()).isEqualTo(Status.CANNOT_UNDERSTAND);
                assertThat(response.command().getString(org.openahi.dimse.message.Command.ErrorComment))
                        .startsWith("unreadable data set");
            }
            assertThat(held(archive, datastoreId, "2.25.77")).isEmpty();
            assertEchoAnswered(archive);
        }
    }

    @Test
    void aPeerThatDropsOrStallsInsideADataSetLeavesNothing() throws Exception {
        Path file = SharedCorpus.dicom("pydicom/test_files/CT_small.dcm");
        Dataset dataset = DicomReader.read(file).dataset();
        String sopInstance = dataset.getString(Tag.SOPInstanceUID);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        DicomWriter.writeDataset(encoded, dataset, TransferSyntax.ExplicitVRLittleEndian);
        byte[] half = java.util.Arrays.copyOf(encoded.toByteArray(), encoded.size() / 2);
        try (TestArchive archive = TestArchive.start(directory, shortTimers(), DimseObserver.NONE)) {
            String datastoreId = archive.createDatastore("ARCHIVE");
            byte[] command = CommandSet.encode(withDataSet(Requests.store(CT, sopInstance, null, 0)));
            try (RawPeer dropping = new RawPeer(archive.port())) {
                dropping.associate();
                dropping.send(pData(1, true, true, command));
                dropping.send(pData(1, false, false, half));
            }
            try (RawPeer stalling = new RawPeer(archive.port())) {
                stalling.associate();
                stalling.send(pData(1, true, true, command));
                stalling.send(pData(1, false, false, half));
                assertThat(stalling.receive())
                        .as("aborted once the idle timer runs out")
                        .isInstanceOf(Pdu.Abort.class);
                assertThat(stalling.closedByServer()).isTrue();
            }
            try (RawPeer silent = new RawPeer(archive.port())) {
                assertThat(silent.receive())
                        .as("no A-ASSOCIATE-RQ within the ARTIM timer")
                        .isInstanceOf(Pdu.Abort.class);
            }
            try (RawPeer halfHeader = new RawPeer(archive.port())) {
                halfHeader.send(new byte[] {1, 0, 0});
                assertThat(halfHeader.receive()).as("a PDU header cut short").isInstanceOf(Pdu.Abort.class);
            }
            assertEchoAnswered(archive);
            assertThat(held(archive, datastoreId, sopInstance)).isEmpty();
            Path spool = shortTimers().spoolDirectory();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!spools(spool).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(spools(spool)).as("no spooled data set is left").isEmpty();
        }
    }

    @Test
    void associationsBeyondTheLimitAreRejectedTransiently() throws Exception {
        DimseSettings settings = shortTimers().withLimits(Set.of(), java.util.Map.of(), 1);
        try (TestArchive archive = TestArchive.start(directory, settings, DimseObserver.NONE)) {
            archive.createDatastore("ARCHIVE");
            List<PresentationContext.Proposed> echo =
                    List.of(new PresentationContext.Proposed(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")));
            try (TestScu first = TestScu.open(archive.port(), "ARCHIVE", echo, List.of(), MessageHandler.NONE)) {
                assertThatThrownBy(() -> TestScu.open(archive.port(), "ARCHIVE", echo, List.of(), MessageHandler.NONE))
                        .isInstanceOf(AssociationRejectedException.class)
                        .extracting(e -> ((AssociationRejectedException) e).rejection())
                        .isEqualTo(new Pdu.AssociateRj(
                                Pdu.AssociateRj.TRANSIENT,
                                Pdu.AssociateRj.SERVICE_PROVIDER_PRESENTATION,
                                Pdu.AssociateRj.LOCAL_LIMIT_EXCEEDED));
                assertThat(first.association.isOpen()).isTrue();
            }
            assertEchoAnswered(archive);
        }
    }

    private static java.util.Map<String, String> held(TestArchive archive, String datastoreId, String sopInstance) {
        return archive.store.read(tx -> tx.imageSets().heldInstances(datastoreId, List.of(sopInstance)));
    }

    private static Dataset withDataSet(Dataset command) {
        command.putLongs(org.openahi.dimse.message.Command.MessageID, org.openahi.dicom.VR.US, 1);
        command.putLongs(org.openahi.dimse.message.Command.CommandDataSetType, org.openahi.dicom.VR.US, 0);
        return command;
    }

    private static byte[] pData(int contextId, boolean command, boolean last, byte[] value) {
        return PduWriter.encode(
                new Pdu.PDataTf(List.of(new Pdu.Pdv(contextId, command, last, value, 0, value.length))));
    }

    private static Set<Path> spools(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.collect(Collectors.toSet());
        }
    }

    private static void assertEchoAnswered(TestArchive archive) {
        Oracles.Result echo = Oracles.run(
                Oracles.require("echoscu"), "-aec", "ARCHIVE", "127.0.0.1", Integer.toString(archive.port()));
        assertThat(echo.exitCode())
                .as("the listener still answers: " + echo.stderr())
                .isZero();
    }
}
