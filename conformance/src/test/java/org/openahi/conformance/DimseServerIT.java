package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetsMetadataSummary;

/**
 * The server's DICOM listener as the composition root wires it: a data store created through the AHI API answers
 * DICOM under its name, an instance stored by C-STORE is an image set the AHI API reads, and the DIMSE metrics are
 * served beside the HTTP ones.
 */
class DimseServerIT {

    @Test
    void aDataStoreAnswersDicomUnderItsNameAndTheMetricsCountIt() throws Exception {
        Path file = SharedCorpus.dicom("pydicom/test_files/CT_small.dcm");
        String sopInstance = DicomReader.read(file).dataset().getString(Tag.SOPInstanceUID);
        try (TestServer server = TestServer.start(Backend.SQLITE);
                MedicalImagingClient client = server.client()) {
            String datastoreId =
                    client.createDatastore(r -> r.datastoreName("SERVERIT")).datastoreId();
            String port = Integer.toString(server.dimsePort());
            Oracles.Result echo = Oracles.run(Oracles.require("echoscu"), "-aec", "SERVERIT", "127.0.0.1", port);
            assertThat(echo.exitCode()).as(echo.stderr()).isZero();
            Oracles.Result store = Oracles.run(
                    Oracles.require("storescu"), "-v", "-aec", "SERVERIT", "127.0.0.1", port, file.toString());
            assertThat(store.stderr()).contains("Received Store Response (Success)");

            List<ImageSetsMetadataSummary> imageSets =
                    client
                            .searchImageSetsPaginator(r -> r.datastoreId(datastoreId))
                            .imageSetsMetadataSummaries()
                            .stream()
                            .toList();
            assertThat(imageSets).hasSize(1);
            JsonNode document =
                    Imports.metadata(client, datastoreId, imageSets.get(0).imageSetId(), null);
            assertThat(Imports.instances(document).has(sopInstance)).isTrue();

            String metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://localhost:" + server.port() + "/_openahi/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body()
                    .replaceAll("node=\"[^\"]*\",", ""); // every series carries the node's name first
            assertThat(metrics)
                    .contains("openahi_dimse_requests_total{service=\"C-ECHO\",status=\"0000\"} 1")
                    .contains("openahi_dimse_requests_total{service=\"C-STORE\",status=\"0000\"} 1")
                    .contains("openahi_dimse_request_duration_seconds_count{service=\"C-STORE\",status=\"0000\"} 1")
                    .contains("openahi_dimse_associations_total{outcome=\"released\",role=\"acceptor\"} 2")
                    .contains("openahi_requests_total");
        }
    }
}
