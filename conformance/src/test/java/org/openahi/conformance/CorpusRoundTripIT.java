package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;
import org.openahi.testing.Dcm2JsonComparison;
import org.openahi.testing.Dcm2JsonComparison.Allowed;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;

/**
 * What is stored comes back unaltered: every file of the shared corpus is stored by STOW-RS, and every instance
 * openahi stored is read back as WADO-RS instance and series metadata, as a Part 10 file in its stored transfer
 * syntax and in Explicit VR Little Endian, and through GetImageSetMetadata (the AWS SDK for Java v2), each compared
 * attribute by attribute, at every depth, with dcm2json's JSON of the source file. The differences allowed are the
 * ones each representation has by design ({@link Dcm2JsonComparison.Allowed}, docs/dicom.md): File Meta
 * (the transfer syntax), Pixel Data left out of metadata, Pixel Data in its stored encoding; bulk data URIs are
 * resolved and their bytes compared. A file stored twice (the corpus holds copies) is compared with the later one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusRoundTripIT {
    private static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    private static final int BATCH_FILES = 16;
    private static final Set<Allowed> METADATA = EnumSet.of(Allowed.FILE_META, Allowed.PIXEL_DATA_ABSENT);
    private static final Set<Allowed> AS_STORED = EnumSet.of(Allowed.FILE_META, Allowed.PIXEL_DATA_ENCODING);
    private static final Set<Allowed> EXPLICIT_VR = EnumSet.of(Allowed.FILE_META);
    /**
     * The Photometric Interpretation of decoded frames where it is not the stored one (docs/decisions.md): a Part 10
     * file in Explicit VR Little Endian of compressed frames says what its decoded samples are.
     */
    private static final Map<String, String> DECODED_PHOTOMETRIC =
            Map.of("YBR_RCT", "RGB", "YBR_ICT", "RGB", "YBR_FULL_422", "YBR_FULL");

    /**
     * Source files whose native Pixel Data holds bytes beyond the pixel values openahi stores: their Explicit VR Little
     * Endian Pixel Data is compared as pixel values (BitsStored bits of every sample of every frame) with the source's,
     * not byte for byte with dcm2json's (docs/dicom.md).
     */
    private static final Map<String, String> PIXEL_VALUES_ONLY = Map.of(
            "pydicom/test_files/MR_small_padded.dcm",
            "128 bytes after its one frame, which belong to no frame",
            "pydicom-data/mlut_18.dcm",
            "negative 12-bit values left without sign in the 4 bits above HighBit, where"
                    + " decoded HTJ2K samples carry the sign");

    private TestServer server;
    private MedicalImagingClient client;
    private String datastoreId;
    /** Where each stored instance is (its RetrieveURL's path and query), and the file stored there last. */
    private final Map<String, Path> stored = new LinkedHashMap<>();

    private final Map<String, Integer> failures = new TreeMap<>();
    /** Why files were not stored, in words (the STOW-RS Warning; its text is cut after 2000 characters). */
    private final Map<String, Integer> reasons = new TreeMap<>();

    private long storeMillis;

    @BeforeAll
    void storeTheCorpus() throws IOException {
        server = TestServer.start(Backend.SQLITE);
        client = server.client();
        datastoreId = client.createDatastore(r -> r.datastoreName("round-trip")).datastoreId();
        long started = System.nanoTime();
        List<SharedCorpus.Entry> entries = SharedCorpus.manifest();
        for (int from = 0; from < entries.size(); from += BATCH_FILES) {
            List<Path> batch = entries.subList(from, Math.min(entries.size(), from + BATCH_FILES)).stream()
                    .map(entry -> SharedCorpus.dicom(entry.path()))
                    .toList();
            store(batch);
        }
        storeMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "CorpusRoundTripIT: %d corpus files stored by STOW-RS as %d instances in %d ms; not stored: %s%n",
                entries.size(), stored.size(), storeMillis, failures);
        reasons.forEach(
                (reason, count) -> System.out.printf("CorpusRoundTripIT:   %3d not stored: %s%n", count, reason));
        assertThat(failures.keySet())
                .as("reasons files were not stored: none is a processing failure")
                .allMatch(reason -> reason.startsWith("0xC000"));
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyStoredInstanceComesBackAsItsSourceInMetadataAndPart10() {
        List<String> differences = new ArrayList<>();
        int[] counts = new int[4];
        long started = System.nanoTime();
        for (Map.Entry<String, Path> instance : stored.entrySet()) {
            try {
                compareRepresentations(instance.getKey(), instance.getValue(), differences, counts);
            } catch (AssertionError e) {
                differences.add(instance.getValue() + " at " + instance.getKey() + ": " + e.getMessage());
            }
        }
        System.out.printf(
                "CorpusRoundTripIT: %d instances compared with dcm2json as instance metadata, %d as Part 10 as"
                        + " stored, %d as Part 10 in Explicit VR Little Endian (%d attributes at every depth), in %d ms%n",
                counts[0], counts[1], counts[2], counts[3], (System.nanoTime() - started) / 1_000_000);
        assertThat(differences).as("differences from dcm2json").isEmpty();
        assertThat(counts[0]).isEqualTo(stored.size());
        assertThat(counts[1]).isEqualTo(stored.size());
        assertThat(counts[2])
                .as("every instance in Explicit VR Little Endian: every stored syntax decodes")
                .isEqualTo(stored.size());
    }

    @Test
    void seriesMetadataHoldsEveryInstanceAsItsSource() {
        Map<String, List<String>> bySeries = new LinkedHashMap<>();
        stored.keySet()
                .forEach(url -> bySeries.computeIfAbsent(seriesUrl(url), series -> new ArrayList<>())
                        .add(url));
        List<String> differences = new ArrayList<>();
        int instances = 0;
        int attributes = 0;
        for (Map.Entry<String, List<String>> series : bySeries.entrySet()) {
            try {
                JsonNode metadata = ok(
                                get(withPath(series.getKey(), "/metadata"), "application/dicom+json"), series.getKey())
                        .json();
                assertThat(metadata.size())
                        .as(series.getKey())
                        .isEqualTo(series.getValue().size());
                for (JsonNode instance : metadata) {
                    String sop = "/instances/" + segmentOf(sopInstanceUid(instance));
                    String url = series.getValue().stream()
                            .filter(candidate -> withoutQuery(candidate).endsWith(sop))
                            .findFirst()
                            .orElseThrow();
                    attributes += compare(stored.get(url), resolveBulkData(instance), METADATA, differences);
                    instances++;
                }
            } catch (AssertionError e) {
                differences.add(series.getKey() + ": " + e.getMessage());
            }
        }
        System.out.printf(
                "CorpusRoundTripIT: %d series metadata responses, %d instances (%d attributes) equal to"
                        + " dcm2json's%n",
                bySeries.size(), instances, attributes);
        assertThat(differences).as("differences from dcm2json").isEmpty();
        assertThat(instances).isEqualTo(stored.size());
    }

    @Test
    void getImageSetMetadataHoldsEveryInstanceAsItsSource() {
        List<String> differences = new ArrayList<>();
        int instances = 0;
        int attributes = 0;
        List<ImageSetsMetadataSummary> imageSets =
                client.searchImageSetsPaginator(r -> r.datastoreId(datastoreId)).imageSetsMetadataSummaries().stream()
                        .toList();
        for (ImageSetsMetadataSummary imageSet : imageSets) {
            JsonNode document = Imports.metadata(client, datastoreId, imageSet.imageSetId(), null);
            // URLs carry UIDs without padding (a corpus file pads its Study Instance UID with spaces).
            String study = document.at("/Study/DICOM/StudyInstanceUID").asText().strip();
            for (Map.Entry<String, JsonNode> series :
                    document.path("Study").path("Series").properties()) {
                for (String sop : (Iterable<String>)
                        () -> series.getValue().path("Instances").fieldNames()) {
                    String url = instanceUrl(
                            study, series.getKey(), sop, imageSet.isPrimary() ? null : imageSet.imageSetId());
                    Path source = stored.get(url);
                    assertThat(source).as("the file stored as " + url).isNotNull();
                    attributes += compare(
                            source, DocumentJson.instance(document, series.getKey(), sop), METADATA, differences);
                    instances++;
                }
            }
        }
        System.out.printf(
                "CorpusRoundTripIT: %d image sets read with GetImageSetMetadata, %d instances (%d attributes)"
                        + " equal to dcm2json's%n",
                imageSets.size(), instances, attributes);
        assertThat(differences).as("differences from dcm2json").isEmpty();
        assertThat(instances).isEqualTo(stored.size());
    }

    /** Instance metadata, Part 10 as stored and in Explicit VR Little Endian of one instance against its source. */
    private void compareRepresentations(String url, Path source, List<String> differences, int[] counts) {
        JsonNode metadata = ok(get(withPath(url, "/metadata"), "application/dicom+json"), url)
                .json()
                .get(0);
        counts[3] += compare(source, resolveBulkData(metadata), METADATA, differences);
        counts[0]++;

        RawHttp.Response asStored = ok(get(url, "application/dicom; transfer-syntax=*"), url);
        counts[3] += compare(source, part10Json(asStored.body()), AS_STORED, differences);
        counts[1]++;

        String storedSyntax = metadata.at("/00020010/Value/0").asText();
        RawHttp.Response explicit = get(url, "application/dicom; transfer-syntax=" + EXPLICIT_VR_LITTLE_ENDIAN);
        String relative = SharedCorpus.dicom().relativize(source).toString();
        ok(explicit, url + " in Explicit VR Little Endian (stored as " + storedSyntax + ")");
        JsonNode decoded = part10Json(explicit.body());
        boolean nativePixels = TransferSyntaxTable.find(storedSyntax)
                .map(SyntaxRule::nativePixels)
                .orElse(false);
        String photometric = metadata.at("/00280004/Value/0").asText();
        if (!nativePixels && DECODED_PHOTOMETRIC.containsKey(photometric)) {
            // The one attribute decoding changes, by design: checked, then compared as the source's.
            assertThat(decoded.at("/00280004/Value/0").asText())
                    .as(url + " decoded")
                    .isEqualTo(DECODED_PHOTOMETRIC.get(photometric));
            ((ObjectNode) decoded.get("00280004")).set("Value", metadata.at("/00280004/Value"));
        }
        if (PIXEL_VALUES_ONLY.containsKey(relative)) {
            ObjectNode withoutPixels = (ObjectNode) decoded;
            withoutPixels.remove("7FE00010");
            counts[3] += compare(source, withoutPixels, METADATA, differences);
            assertSamePixelValues(source, explicit.body());
        } else {
            counts[3] += compare(source, decoded, EXPLICIT_VR, differences);
        }
        counts[2]++;
    }

    /** Adds the differences from dcm2json to {@code differences}; returns the attributes compared. */
    private static int compare(Path source, JsonNode ours, Set<Allowed> allowed, List<String> differences) {
        Dcm2JsonComparison comparison = Dcm2Json.compare(source, ours, allowed);
        differences.addAll(comparison.differences());
        return comparison.compared();
    }

    private static void assertSamePixelValues(Path source, byte[] retrieved) {
        try {
            DicomFile original = DicomReader.read(source);
            DicomFile copy = DicomReader.read(new ByteArrayInputStream(retrieved));
            assertThat(copy.pixelData().frameCount())
                    .isEqualTo(original.pixelData().frameCount());
            for (int frame = 0; frame < original.pixelData().frameCount(); frame++) {
                assertThat(SourceInstances.frameSamples(copy, frame))
                        .as(source + " frame " + frame)
                        .isEqualTo(SourceInstances.frameSamples(original, frame));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** STOW-RS of the files in one request; records where each stored instance went, and why the others failed. */
    private void store(List<Path> files) throws IOException {
        Map<String, Path> bySop = new LinkedHashMap<>();
        for (Path file : files) {
            sopInstanceUid(file).ifPresent(sop -> bySop.put(sop, file));
        }
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + datastoreId + "/studies")
                .header("Content-Type", Multipart.DICOM)
                .header("Accept", "application/dicom+json");
        request.body = Multipart.dicomParts(files);
        RawHttp.Response response = request.send(server);
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isIn(200, 409);
        for (JsonNode item : response.json().at("/00081199/Value")) {
            String sop = item.at("/00081155/Value/0").asText();
            URI url = URI.create(item.at("/00081190/Value/0").asText());
            String key = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            stored.remove(key);
            stored.put(key, lastFileOf(sop, files));
        }
        for (JsonNode item : response.json().at("/00081198/Value")) {
            failures.merge(String.format("0x%04X", item.at("/00081197/Value/0").asInt()), 1, Integer::sum);
        }
        String warning = response.header("warning");
        if (warning != null) {
            for (String reason :
                    warning.substring(warning.indexOf(" not stored: ") + 13).split("; (?=part \\d+)")) {
                reasons.merge(
                        reason.replaceFirst("^part \\d+: ", "")
                                .replaceAll(" at offset .*", "")
                                .replaceAll("'[^']*'", "'...'"),
                        1,
                        Integer::sum);
            }
        }
    }

    /** The SOP Instance UID of DICOM JSON, also of a file that gave it VR UN (InlineBinary). */
    private static String sopInstanceUid(JsonNode instance) {
        JsonNode sop = instance.path("00080018");
        return sop.has("Value")
                ? sop.at("/Value/0").asText()
                : new String(Base64.getDecoder().decode(sop.path("InlineBinary").asText()), StandardCharsets.US_ASCII)
                        .replace("\0", "")
                        .strip();
    }

    /** The later of the request's files holding the SOP Instance UID (a copied file replaces the earlier one). */
    private static Path lastFileOf(String sopInstanceUid, List<Path> files) {
        Path last = null;
        for (Path file : files) {
            if (sopInstanceUid(file).filter(sopInstanceUid::equals).isPresent()) {
                last = file;
            }
        }
        assertThat(last).as("the file of " + sopInstanceUid).isNotNull();
        return last;
    }

    private static java.util.Optional<String> sopInstanceUid(Path file) {
        try {
            return java.util.Optional.ofNullable(
                            DicomReader.read(file).dataset().getString(org.openahi.dicom.dict.Tag.SOPInstanceUID))
                    .map(String::strip);
        } catch (IOException notReadable) {
            return java.util.Optional.empty();
        }
    }

    /** The instance's WADO-RS metadata with each BulkDataURI replaced by the bytes it retrieves, inline. */
    private JsonNode resolveBulkData(JsonNode dataset) {
        dataset.forEach(attribute -> {
            if (attribute.has("BulkDataURI")) {
                URI uri = URI.create(attribute.path("BulkDataURI").asText());
                RawHttp.Response value = ok(
                        get(
                                uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                                "application/octet-stream"),
                        uri.toString());
                ((ObjectNode) attribute).remove("BulkDataURI");
                ((ObjectNode) attribute).put("InlineBinary", Base64.getEncoder().encodeToString(value.body()));
            }
            attribute.path("Value").forEach(item -> {
                if (item.isObject() && attribute.path("vr").asText().equals("SQ")) {
                    resolveBulkData(item);
                }
            });
        });
        return dataset;
    }

    private static JsonNode part10Json(byte[] file) {
        try {
            DicomFile dicom = DicomReader.read(new ByteArrayInputStream(file));
            return Dcm2JsonComparison.readJson(DicomJsonWriter.toJson(dicom.dataset(), BulkDataPolicy.inline()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RawHttp.Response get(String pathAndQuery, String accept) {
        int query = pathAndQuery.indexOf('?');
        RawHttp.Request request = new RawHttp.Request(server)
                .path(query < 0 ? pathAndQuery : pathAndQuery.substring(0, query))
                .header("Accept", accept);
        if (query >= 0) {
            request.query(pathAndQuery.substring(query + 1));
        }
        return request.send(server);
    }

    private static RawHttp.Response ok(RawHttp.Response response, String what) {
        assertThat(response.status())
                .as(what + ": "
                        + new String(response.body(), 0, Math.min(500, response.body().length), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response;
    }

    /** The URL with a path suffix before its query. */
    private static String withPath(String url, String suffix) {
        int query = url.indexOf('?');
        return query < 0 ? url + suffix : url.substring(0, query) + suffix + url.substring(query);
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String seriesUrl(String instanceUrl) {
        int query = instanceUrl.indexOf('?');
        String path = query < 0 ? instanceUrl : instanceUrl.substring(0, query);
        return path.substring(0, path.indexOf("/instances/")) + (query < 0 ? "" : instanceUrl.substring(query));
    }

    private String instanceUrl(String study, String series, String sop, String imageSetId) {
        return "/datastore/" + datastoreId + "/studies/" + segmentOf(study) + "/series/" + segmentOf(series)
                + "/instances/" + segmentOf(sop) + (imageSetId == null ? "" : "?imageSetId=" + imageSetId);
    }

    /** A UID as a path segment, percent-encoded as RFC 3986 wants (the dots of a segment of only dots too). */
    private static String segmentOf(String uid) {
        StringBuilder out = new StringBuilder();
        boolean onlyDots = uid.chars().allMatch(c -> c == '.');
        for (byte b : uid.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-_~".indexOf(c) >= 0 || c == '.' && !onlyDots) {
                out.append(c);
            } else {
                out.append(String.format("%%%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
