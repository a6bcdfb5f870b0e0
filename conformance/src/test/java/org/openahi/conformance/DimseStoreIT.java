package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.DcmtkProfiles;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;

/**
 * DCMTK's storescu sending every file of the shared corpus, each in its own transfer syntax, to the server's DICOM
 * listener: every instance an import job imports is stored, and the image sets hold equal metadata documents, ids and
 * File Meta Information aside (the File Meta of an instance received over the network is the receiver's, PS3.10
 * §7.1). storescu re-encodes what it reads (it trims padding, drops Data Set Trailing Padding, gives UN elements their
 * dictionary VR, recomputes group lengths), so "the same files" for the import job are the data sets storescu sends:
 * the same storescu run against DCMTK's storescp, which writes them as received (+B) and in arrival order (-tn), which
 * is the order the import job reads them in. Where the corpus holds one SOP Instance UID in several files (copies,
 * and the same instance in several transfer syntaxes or character sets), only the last in path order is sent: an
 * instance replaced by a later C-STORE is a new version of its image set, built on the previous document, while the
 * import job keeps only the later file; how a replaced instance's Patient and Study attributes settle is the write
 * path's rule, not the listener's.
 */
class DimseStoreIT {
    private static final Pattern STORED = Pattern.compile("Received Store Response \\(Success\\)");

    @TempDir
    Path work;

    @Test
    void storescuOfTheSharedCorpusStoresWhatAnImportJobImportsInEqualImageSets() throws Exception {
        String storescu = Oracles.require("storescu");
        String storescp = Oracles.require("storescp");
        Path corpus = SharedCorpus.dicom();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(corpus)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<DcmtkProfiles.Context> contexts = new ArrayList<>();
        List<Path> files = lastFilePerInstance(all, contexts);
        Path scuProfile = DcmtkProfiles.write(work, contexts);
        Path captured = Files.createDirectories(work.resolve("captured"));
        int scpPort = Oracles.freePort();
        Oracles.Result toStorescp;
        try (Oracles.Background scp = Oracles.start(
                work.resolve("storescp.log"),
                List.of(
                        storescp,
                        "+B",
                        "-tn",
                        "-xf",
                        DcmtkProfiles.writeForScp(work, contexts).toString(),
                        DcmtkProfiles.PROFILE,
                        "-od",
                        captured.toString(),
                        Integer.toString(scpPort)))) {
            scp.awaitListening(scpPort);
            toStorescp = Oracles.run(storescu(storescu, scuProfile, "STORESCP", scpPort, files));
        }
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()));
                MedicalImagingClient client = server.client()) {
            String stored =
                    client.createDatastore(r -> r.datastoreName("CORPUS")).datastoreId();
            Oracles.Result toOpenahi = Oracles.run(storescu(storescu, scuProfile, "CORPUS", server.dimsePort(), files));
            Files.writeString(Path.of("target", "dimse-corpus-storescu.log"), toOpenahi.stderr());
            String imported =
                    client.createDatastore(r -> r.datastoreName("imported")).datastoreId();
            Imports.Finished job = Imports.run(
                    client,
                    imported,
                    captured.toUri().toString(),
                    Files.createDirectories(work.resolve("output")).toUri().toString());
            assertThat(job.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);

            DataDirectory data = server.dataDirectory();
            Map<String, List<JsonNode>> fromImport = documents(client, data, imported);
            Map<String, List<JsonNode>> fromDimse = documents(client, data, stored);
            List<String> differences = new ArrayList<>();
            for (String instances : fromImport.keySet()) {
                if (!fromDimse.containsKey(instances)) {
                    differences.add("only the import job has an image set of " + instances);
                } else if (!new HashSet<>(fromDimse.get(instances)).equals(new HashSet<>(fromImport.get(instances)))) {
                    differences.add("documents differ for " + instances + ":\n  import " + fromImport.get(instances)
                            + "\n  dimse  " + fromDimse.get(instances));
                }
            }
            fromDimse.keySet().stream()
                    .filter(instances -> !fromImport.containsKey(instances))
                    .forEach(instances -> differences.add("only DIMSE has an image set of " + instances));
            Files.writeString(Path.of("target", "dimse-corpus-differences.txt"), String.join("\n", differences));
            assertThat(differences)
                    .as("see target/dimse-corpus-differences.txt")
                    .isEmpty();
            int instances = fromImport.keySet().stream()
                    .mapToInt(key -> key.split(",").length)
                    .sum();
            System.out.println("DimseStoreIT: " + files.size() + " of the corpus' " + all.size()
                    + " files; storescp received " + count(toStorescp)
                    + ", openahi stored " + count(toOpenahi) + "; the import job of what storescp received made "
                    + fromImport.values().stream().mapToInt(List::size).sum() + " image sets of " + instances
                    + " instances, equal to those of the C-STOREs");
        }
    }

    private static List<String> storescu(
            String storescu, Path profile, String calledAeTitle, int port, List<Path> files) {
        List<String> command = new ArrayList<>(List.of(
                storescu,
                "-v",
                "-nh",
                "-xf",
                profile.toString(),
                DcmtkProfiles.PROFILE,
                "-aec",
                calledAeTitle,
                "127.0.0.1",
                Integer.toString(port)));
        files.forEach(file -> command.add(file.toString()));
        return command;
    }

    /**
     * The files to send, in path order: every file but those whose SOP Instance UID a later file holds too (files the
     * reader cannot read stay: storescu refuses them). {@code contexts} gets a context for each file's SOP class in its
     * own transfer syntax.
     */
    private static List<Path> lastFilePerInstance(List<Path> all, List<DcmtkProfiles.Context> contexts) {
        Map<String, Path> lastByInstance = new HashMap<>();
        Map<Path, String> instanceOf = new HashMap<>();
        for (Path file : all) {
            try {
                DicomFile dicom = DicomReader.read(file);
                String sopClass = dicom.dataset().getString(Tag.SOPClassUID);
                String sopInstance = dicom.dataset().getString(Tag.SOPInstanceUID);
                if (sopClass != null && dicom.transferSyntaxUid() != null) {
                    contexts.add(new DcmtkProfiles.Context(sopClass, dicom.transferSyntaxUid()));
                }
                if (sopInstance != null) {
                    lastByInstance.put(sopInstance, file);
                    instanceOf.put(file, sopInstance);
                }
            } catch (IOException notDicom) {
                // storescu cannot send it either
            }
        }
        return all.stream()
                .filter(file -> !instanceOf.containsKey(file)
                        || lastByInstance.get(instanceOf.get(file)).equals(file))
                .toList();
    }

    /**
     * The data store's image sets as normalised documents, grouped by the sorted SOP Instance UIDs each holds (image
     * sets of one series keep their instances apart that way, whichever was created first).
     */
    private static Map<String, List<JsonNode>> documents(
            MedicalImagingClient client, DataDirectory data, String datastoreId) throws Exception {
        Map<String, List<JsonNode>> documents = new TreeMap<>();
        // Listed from the database: SearchImageSets cannot answer for some corpus files (UIDs with spaces).
        for (String imageSetId : data.query("SELECT id FROM image_set WHERE datastore_id = '" + datastoreId + "'")) {
            JsonNode document =
                    withoutFileMeta(ImageSets.withoutIds(Imports.metadata(client, datastoreId, imageSetId, null)));
            List<String> uids = new ArrayList<>();
            document.path("Study")
                    .path("Series")
                    .forEach(series -> series.path("Instances").fieldNames().forEachRemaining(uids::add));
            documents
                    .computeIfAbsent(String.join(",", uids.stream().sorted().toList()), key -> new ArrayList<>())
                    .add(document);
        }
        return documents;
    }

    private static JsonNode withoutFileMeta(JsonNode document) {
        for (JsonNode series : document.path("Study").path("Series")) {
            for (JsonNode instance : series.path("Instances")) {
                ObjectNode attributes = (ObjectNode) instance.path("DICOM");
                List<String> fileMeta = new ArrayList<>();
                attributes.fieldNames().forEachRemaining(name -> {
                    DictionaryEntry entry = Dictionary.forKeyword(name);
                    if (entry != null && entry.tag() >>> 16 == 0x0002) {
                        fileMeta.add(name);
                    }
                });
                attributes.remove(fileMeta);
            }
        }
        return document;
    }

    private static int count(Oracles.Result storescu) {
        Matcher matcher = STORED.matcher(storescu.stderr());
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
