package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.testing.Oracles;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * Kills the server (SIGKILL) while DCMTK's storescu sends it 500 instances, and starts it again on the same data:
 * every instance storescu got a success response for is there once the restarted server folded what was staged, each
 * image set visible is whole (every frame of every instance readable), and once the clean-up has run no blob is left
 * that no row references and no spooled data set remains.
 */
class DimseCrashIT {
    private static final int INSTANCES = 500;
    private static final int SERIES = 10;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 100;

    @TempDir
    Path work;

    @Test
    void everyAcknowledgedInstanceIsThereAfterASigkill() throws Exception {
        String storescu = Oracles.require("storescu");
        Path data = work.resolve("data");
        Map<Path, String> uids = generate(Files.createDirectories(work.resolve("instances")));
        int dimsePort = Oracles.freePort();
        Map<String, String> environment = Map.of(
                "OPENAHI_DATA_DIR",
                data.toString(),
                "OPENAHI_DIMSE_PORT",
                Integer.toString(dimsePort),
                "OPENAHI_LEASE_SECONDS",
                "3",
                "OPENAHI_BLOB_CLEANUP_GRACE_SECONDS",
                "0");
        try (ServerProcess server = new ServerProcess(environment, work.resolve("server.log"))) {
            server.start();
            String datastoreId;
            try (MedicalImagingClient client = server.client()) {
                datastoreId =
                        client.createDatastore(r -> r.datastoreName("CRASH")).datastoreId();
            }
            Path log = work.resolve("storescu.log");
            List<String> command =
                    new ArrayList<>(List.of(storescu, "-v", "-aec", "CRASH", "127.0.0.1", Integer.toString(dimsePort)));
            uids.keySet().stream().sorted().forEach(file -> command.add(file.toString()));
            try (Oracles.Background sending = Oracles.start(log, command)) {
                awaitAcknowledged(sending, ACKNOWLEDGED_BEFORE_KILL);
                server.kill();
            }
            Set<String> acknowledged = acknowledged(Files.readString(log), uids);
            assertThat(acknowledged)
                    .hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL)
                    .hasSizeLessThan(INSTANCES);

            server.start();
            new DataDirectory(data).awaitNothingStaged();
            Set<String> held = new HashSet<>();
            try (MedicalImagingClient client = server.client()) {
                for (String imageSetId : new DataDirectory(data)
                        .query("SELECT id FROM image_set WHERE datastore_id = '" + datastoreId
                                + "' AND state <> 'DELETED'")) {
                    JsonNode document = Imports.metadata(client, datastoreId, imageSetId, null);
                    for (JsonNode series : document.path("Study").path("Series")) {
                        series.path("Instances").properties().forEach(instance -> {
                            held.add(instance.getKey());
                            for (JsonNode frame : instance.getValue().path("ImageFrames")) {
                                assertThat(Imports.frame(
                                                client,
                                                datastoreId,
                                                imageSetId,
                                                frame.path("ID").asText()))
                                        .isNotEmpty();
                            }
                        });
                    }
                }
            }
            assertThat(held).as("acknowledged before the kill").containsAll(acknowledged);
            new DataDirectory(data).awaitNoOrphanBlobs();
            try (Stream<Path> spooled = Files.list(data.resolve("spool").resolve("dimse"))) {
                assertThat(spooled).as("spooled data sets").isEmpty();
            }
            System.out.println("DimseCrashIT: " + acknowledged.size() + " of " + INSTANCES + " instances acknowledged "
                    + "before the SIGKILL, " + held.size() + " held after the restart");
        }
    }

    /** Waits until storescu has had {@code count} success responses; fails when it ends first. */
    private static void awaitAcknowledged(Oracles.Background storescu, int count) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            String output = storescu.output();
            if (output.split("Received Store Response \\(Success\\)", -1).length - 1 >= count) {
                return;
            }
            assertThat(storescu.isAlive())
                    .as("storescu ended before the kill: " + output)
                    .isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("storescu did not get " + count + " responses: " + storescu.output());
    }

    /** The SOP Instance UIDs of the files storescu logged a success response for. */
    private static Set<String> acknowledged(String log, Map<Path, String> uids) {
        Set<String> acknowledged = new HashSet<>();
        String sending = null;
        for (String line : log.split("\n")) {
            if (line.startsWith("I: Sending file: ")) {
                sending = line.substring("I: Sending file: ".length()).strip();
            } else if (line.startsWith("I: Received Store Response (Success)") && sending != null) {
                acknowledged.add(uids.get(Path.of(sending)));
            }
        }
        return acknowledged;
    }

    /** 500 small CT instances, ten series of one study; file to SOP Instance UID. */
    private static Map<Path, String> generate(Path folder) throws IOException {
        Map<Path, String> uids = new HashMap<>();
        byte[] pixels = new byte[64 * 64 * 2];
        for (int i = 0; i < INSTANCES; i++) {
            int series = i % SERIES;
            String uid = "2.25.4711" + String.format("%04d", i);
            Dataset dataset = new Dataset();
            dataset.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
            dataset.putStrings(Tag.SOPInstanceUID, VR.UI, uid);
            dataset.putStrings(Tag.StudyDate, VR.DA, "20240101");
            dataset.putStrings(Tag.Modality, VR.CS, "CT");
            dataset.putStrings(Tag.PatientName, VR.PN, "Crash^Test");
            dataset.putStrings(Tag.PatientID, VR.LO, "CRASH1");
            dataset.putStrings(Tag.StudyInstanceUID, VR.UI, "2.25.4711");
            dataset.putStrings(Tag.SeriesInstanceUID, VR.UI, "2.25.4711.1" + series);
            dataset.putStrings(Tag.SeriesNumber, VR.IS, Integer.toString(series + 1));
            dataset.putStrings(Tag.InstanceNumber, VR.IS, Integer.toString(i / SERIES + 1));
            dataset.putLongs(Tag.SamplesPerPixel, VR.US, 1);
            dataset.putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            dataset.putLongs(Tag.Rows, VR.US, 64);
            dataset.putLongs(Tag.Columns, VR.US, 64);
            dataset.putLongs(Tag.BitsAllocated, VR.US, 16);
            dataset.putLongs(Tag.BitsStored, VR.US, 12);
            dataset.putLongs(Tag.HighBit, VR.US, 11);
            dataset.putLongs(Tag.PixelRepresentation, VR.US, 0);
            for (int p = 0; p < pixels.length; p += 2) {
                int value = (p / 2 * 7 + i * 13) & 0x0FFF;
                pixels[p] = (byte) value;
                pixels[p + 1] = (byte) (value >>> 8);
            }
            dataset.put(Element.of(Tag.PixelData, VR.OW, pixels.clone()));
            Path file = folder.resolve(String.format("ct%04d.dcm", i));
            DicomWriter.write(file, dataset, TransferSyntax.ExplicitVRLittleEndian);
            uids.put(file, uid);
        }
        return uids;
    }
}
