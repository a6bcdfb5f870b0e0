package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * The acceptance in a real browser: Debian's Chromium driven by puppeteer-core ({@code src/test/browser},
 * installed by {@code .ci/setup.d/40-browser.sh}). A page on another origin calls ListDatastores, SearchImageSets,
 * GetImageSetMetadata and GetImageFrame with the AWS SDK for JavaScript v3, and the same page from an origin not
 * allowed is refused; after sign-in OHIF lists the data store's studies and draws a CT slice whose pixels change
 * with a window/level drag; after an update and a revert made here with the AWS SDK for Java v2, the history view
 * shows three versions, the diff names the changed attribute with both values and who made it, and a revert from
 * the page makes version 4. Screenshots: {@code target/browser/}.
 */
class BrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CT = "pydicom-data/693_UNCR.dcm";
    /** StudyDate: a Study-level attribute the imported series has (20200929), so the diff shows it changed. */
    private static final String EDITED = "20240102";

    @Test
    void sdkPageViewerAndHistoryInChromium(@TempDir Path work) throws Exception {
        String node = Oracles.require("node");
        String chromium = Oracles.require("chromium");
        Path scripts = Path.of("src/test/browser").toAbsolutePath();
        Path viewer = Path.of("..", "viewer", "target", "ohif-3.13.2-viewer")
                .toAbsolutePath()
                .normalize();
        for (Path needed : List.of(scripts.resolve("node_modules/puppeteer-core"), viewer.resolve("index.html"))) {
            if (!Files.exists(needed)) {
                Oracles.missing(needed + " is not installed (.ci/setup.d/40-browser.sh installs it)");
            }
        }
        Path out = Files.createDirectories(Path.of("target", "browser").toAbsolutePath());
        Path bundle = work.resolve("sdk.js");
        Oracles.runOk(node, scripts.resolve("bundle.mjs").toString(), bundle.toString());

        Dataset ct = DicomReader.read(SharedCorpus.dicom(CT)).dataset();
        HttpServer allowed = page(bundle);
        HttpServer refused = page(bundle);
        String allowedOrigin = "http://127.0.0.1:" + allowed.getAddress().getPort();
        try (TestServer server = TestServer.start(
                Backend.SQLITE,
                Map.of(
                        "OPENAHI_FILE_ROOTS",
                        work.toString(),
                        "OPENAHI_CORS_ORIGINS",
                        allowedOrigin,
                        "OPENAHI_VIEWER_DIR",
                        viewer.toString()))) {
            MedicalImagingClient client = server.client();
            ImageSets.Fixture fixture = ImageSets.importFixture(client, work, "browser");
            String ds = fixture.datastoreId();
            String id = fixture.primary();
            Path ctInput = Files.createDirectories(work.resolve("ct"));
            Files.copy(SharedCorpus.dicom(CT), ctInput.resolve("ct.dcm"));
            Imports.run(
                    client,
                    ds,
                    ctInput.toUri().toString(),
                    work.resolve("ct-output").toUri().toString());
            String original = Imports.metadata(client, ds, id, "1")
                    .at("/Study/DICOM/StudyDate")
                    .asText();
            ImageSets.updateAndWait(client, ds, id, "1", ImageSets.studyAttribute("StudyDate", EDITED));
            client.updateImageSetMetadata(r -> r.datastoreId(ds)
                    .imageSetId(id)
                    .latestVersionId("2")
                    .updateImageSetMetadataUpdates(u -> u.revertToVersionId("1")));
            ImageSets.awaitUnlocked(client, ds, id);

            ObjectNode job = JSON.createObjectNode()
                    .put("chromium", chromium)
                    .put("out", out.toString())
                    .put("server", "http://localhost:" + server.port())
                    .put("region", TestServer.REGION)
                    .put("accessKeyId", TestServer.ACCESS_KEY_ID)
                    .put("secretAccessKey", TestServer.SECRET_ACCESS_KEY)
                    .put("datastoreId", ds)
                    .put("imageSetId", id)
                    .put("allowedOrigin", allowedOrigin)
                    .put(
                            "refusedOrigin",
                            "http://127.0.0.1:" + refused.getAddress().getPort())
                    .put("ctStudyUid", ct.getString(Tag.StudyInstanceUID).strip())
                    .put("ctPatientId", ct.getString(Tag.PatientID).strip())
                    .put("revertTo", "2");
            Path jobFile = work.resolve("job.json");
            JSON.writeValue(jobFile.toFile(), job);
            Oracles.Result run =
                    Oracles.run(node, scripts.resolve("acceptance.mjs").toString(), jobFile.toString());
            JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
            System.out.println("browser steps: " + report.path("steps"));
            assertThat(run.exitCode()).as(run.stderr()).isZero();

            JsonNode sdk = report.path("sdkAllowed");
            assertThat(sdk.path("error").isMissingNode()).as(sdk.toString()).isTrue();
            assertThat(sdk.path("datastoreIds").toString()).contains(ds);
            assertThat(sdk.path("imageSets").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(sdk.path("studyInstanceUid").asText()).isNotEmpty();
            assertThat(sdk.path("frameContentType").asText()).isEqualTo("image/jph");
            assertThat(sdk.path("frameBytes").asInt()).isGreaterThan(100);
            assertThat(sdk.path("frameHead").toString())
                    .as("a JPH file or a codestream")
                    .isIn("[0,0,0,12]", "[255,79,255,81]");
            assertThat(report.path("sdkRefused").path("error").asText())
                    .as("refused origin")
                    .contains("Failed to fetch");

            assertThat(report.path("signIn").path("redirectedTo").asText()).contains("/ui/signin.html?next=");
            assertThat(report.path("signIn").path("landedOn").asText()).endsWith("/viewer/");
            assertThat(report.path("studyList").path("text").asText())
                    .contains(ct.getString(Tag.PatientID).strip());
            JsonNode slice = report.path("ohifSlice");
            assertThat(slice.path("error").isMissingNode()).as(slice.toString()).isTrue();
            assertThat(slice.path("after").asText())
                    .isNotEqualTo(slice.path("before").asText());
            BufferedImage before =
                    ImageIO.read(out.resolve("ohif-ct-canvas-before.png").toFile());
            BufferedImage after =
                    ImageIO.read(out.resolve("ohif-ct-canvas-after.png").toFile());
            assertThat(distinctGreys(before)).as("grey levels drawn").isGreaterThan(32);
            assertThat(changedFraction(before, after))
                    .as("pixels changed by window/level")
                    .isGreaterThan(0.05);

            JsonNode history = report.path("history");
            assertThat(history.path("error").isMissingNode())
                    .as(history.toString())
                    .isTrue();
            assertThat(history.path("versions").size()).isEqualTo(3);
            assertThat(original).isEqualTo("20200929");
            JsonNode row = row(history.path("rows"), "StudyDate");
            assertThat(row.path("change").asText()).isEqualTo("changed");
            assertThat(row.path("cells").get(3).asText())
                    .as("version 2's value")
                    .isEqualTo(EDITED);
            assertThat(row.path("cells").get(4).asText())
                    .as("version 3's value")
                    .isEqualTo(original);
            assertThat(history.path("author").asText())
                    .contains("arn:aws:iam::" + TestServer.ACCOUNT_ID + ":root", "UpdateImageSetMetadata");
            assertThat(history.path("versions").get(1).path("text").asText())
                    .contains("UpdateImageSetMetadata by arn:aws");
            JsonNode revert = report.path("revert");
            assertThat(revert.path("versions").size()).as(revert.toString()).isEqualTo(4);
            assertThat(client.getImageSet(r -> r.datastoreId(ds).imageSetId(id)).versionId())
                    .isEqualTo("4");
            assertThat(Imports.metadata(client, ds, id, "4")
                            .at("/Study/DICOM/StudyDate")
                            .asText())
                    .isEqualTo(EDITED);
            JsonNode bars = report.path("datastorePage").path("progress");
            assertThat(bars.size()).as(report.path("datastorePage").toString()).isEqualTo(2);
            for (JsonNode bar : bars) {
                assertThat(bar.get(0).asDouble())
                        .as("a finished job's progress bar is full")
                        .isEqualTo(bar.get(1).asDouble());
            }
        } finally {
            allowed.stop(0);
            refused.stop(0);
        }
    }

    /** A page server on its own origin: sdk.html loading the SDK bundle. */
    private static HttpServer page(Path bundle) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, byte[]> files = new HashMap<>();
        files.put(
                "/sdk.html",
                "<!doctype html><title>SDK</title><script src=\"sdk.js\"></script>".getBytes(StandardCharsets.UTF_8));
        files.put("/sdk.js", Files.readAllBytes(bundle));
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders()
                    .add(
                            "Content-Type",
                            exchange.getRequestURI().getPath().endsWith(".js") ? "text/javascript" : "text/html");
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static JsonNode row(JsonNode rows, String attribute) {
        List<String> names = new ArrayList<>();
        for (JsonNode row : rows) {
            names.add(row.path("attribute").asText());
            if (row.path("attribute").asText().equals(attribute)) {
                return row;
            }
        }
        throw new AssertionError("The diff has no row for " + attribute + "; it has " + names);
    }

    private static int distinctGreys(BufferedImage image) {
        Set<Integer> greys = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                greys.add(image.getRGB(x, y) & 0xFF);
            }
        }
        return greys.size();
    }

    private static double changedFraction(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        long changed = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (Math.abs((a.getRGB(x, y) & 0xFF) - (b.getRGB(x, y) & 0xFF)) > 8) {
                    changed++;
                }
            }
        }
        return (double) changed / ((long) a.getWidth() * a.getHeight());
    }
}
