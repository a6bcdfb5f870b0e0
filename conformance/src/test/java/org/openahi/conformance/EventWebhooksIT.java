package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.CopyImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.DICOMImportJobProperties;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetState;

/**
 * AHI's events reach a webhook started here, a real HTTP server: a scripted lifecycle through the AWS SDK (create a
 * data store, import, update, copy, delete) gives every event docs/events.md lists, in order, signed, with the detail
 * fields the SDK's own answers agree with; events recorded while the receiver is down arrive after a server
 * restart; a replay sends them again.
 */
class EventWebhooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "webhook-secret-1";

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Backend.class)
    void aLifecycleReachesTheWebhookInOrderAcrossARestartAndAgainOnReplay(Backend backend) throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            Path input = Files.createDirectories(work.resolve("input"));
            try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(ImageSets.SERIES_01))) {
                for (Path file : files.sorted().limit(3).toList()) {
                    Files.copy(file, input.resolve(file.getFileName()));
                }
            }
            try (TestServer server = TestServer.start(
                    backend,
                    Map.of(
                            "OPENAHI_FILE_ROOTS",
                            work.toString(),
                            "OPENAHI_EVENT_WEBHOOKS",
                            "audit=" + receiver.url(),
                            "OPENAHI_EVENT_WEBHOOK_SECRETS",
                            "audit=" + SECRET,
                            "OPENAHI_EVENT_RETRY_MAX_SECONDS",
                            "1"))) {
                MedicalImagingClient client = server.client();
                String datastoreId =
                        client.createDatastore(r -> r.datastoreName("events")).datastoreId();
                Imports.Finished imported = Imports.run(
                        client,
                        datastoreId,
                        input.toUri().toString(),
                        work.resolve("output").toUri().toString());
                DICOMImportJobProperties job = imported.job();
                String original = client.searchImageSets(r -> r.datastoreId(datastoreId))
                        .imageSetsMetadataSummaries()
                        .get(0)
                        .imageSetId();
                ImageSets.updateAndWait(
                        client, datastoreId, original, "1", ImageSets.studyAttribute("StudyDescription", "Ev"));
                CopyImageSetResponse copied = client.copyImageSet(r -> r.datastoreId(datastoreId)
                        .sourceImageSetId(original)
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("2"))));
                String copy = copied.destinationImageSetProperties().imageSetId();
                ImageSets.awaitUnlocked(client, datastoreId, copy);
                ImageSets.awaitUnlocked(client, datastoreId, original);
                client.deleteImageSet(r -> r.datastoreId(datastoreId).imageSetId(copy));
                awaitDeleted(client, datastoreId, copy);
                await(
                        "the webhook received the events so far",
                        () -> receiver.accepted().size() >= 13);

                // The receiver goes down: the last deletes are recorded, refused, and still pending when the server
                // restarts.
                receiver.accepting.set(false);
                client.deleteImageSet(r -> r.datastoreId(datastoreId).imageSetId(original));
                awaitDeleted(client, datastoreId, original);
                client.deleteDatastore(r -> r.datastoreId(datastoreId));
                await("the webhook refused an event", () -> receiver.refused.get() > 0);
                JsonNode pending = status(server);
                assertThat(pending.at("/webhooks/0/deliveredPosition").asLong())
                        .isLessThan(pending.path("lastPosition").asLong());
                assertThat(pending.at("/webhooks/0/lastError").asText()).contains("HTTP 503");
                server.restart();
                receiver.accepting.set(true);
                await(
                        "every event delivered after the restart",
                        () -> receiver.accepted().size() >= 17);

                List<JsonNode> events = receiver.accepted();
                assertThat(events)
                        .extracting(EventWebhooksIT::summary)
                        .containsExactly(
                                "Data Store Creating " + datastoreId,
                                "Data Store Created " + datastoreId,
                                "Import Job Submitted " + job.jobId(),
                                "Import Job In Progress " + job.jobId(),
                                "Image Set Created " + original,
                                "Import Job Completed " + job.jobId(),
                                "Image Set Updating " + original,
                                "Image Set Updated " + original,
                                "Image Set Copying With Read Only Access " + original,
                                "Image Set Copying " + copy,
                                "Image Set Copied " + copy,
                                "Image Set Deleting " + copy,
                                "Image Set Deleted " + copy,
                                "Image Set Deleting " + original,
                                "Image Set Deleted " + original,
                                "Data Store Deleting " + datastoreId,
                                "Data Store Deleted " + datastoreId);
                assertThat(receiver.deliveries).allSatisfy(WebhookReceiver.Delivery::assertSigned);
                assertThat(receiver.accepted()).hasSize(17); // at least once: nothing sent twice here

                String datastoreArn = server.datastoreArn(datastoreId);
                String originalArn = datastoreArn + "/imageset/" + original;
                for (JsonNode event : events) {
                    assertThat(event.path("version").asText()).isEqualTo("0");
                    assertThat(event.path("source").asText()).isEqualTo("aws.medical-imaging");
                    assertThat(event.path("account").asText()).isEqualTo(TestServer.ACCOUNT_ID);
                    assertThat(event.path("region").asText()).isEqualTo(TestServer.REGION);
                    assertThat(Instant.parse(event.path("time").asText()))
                            .isBefore(Instant.now().plusSeconds(1));
                    assertThat(event.at("/detail/imagingVersion").asText()).isEqualTo("1.0");
                    assertThat(event.path("resources").get(0).asText()).startsWith(datastoreArn);
                }
                assertThat(events)
                        .extracting(event -> event.path("id").asText())
                        .doesNotHaveDuplicates();
                assertThat(events.get(1).path("detail"))
                        .isEqualTo(JSON.readTree("{\"imagingVersion\":\"1.0\",\"datastoreId\":\"" + datastoreId
                                + "\",\"datastoreName\":\"events\",\"datastoreStatus\":\"ACTIVE\"}"));
                assertThat(events.get(5).path("detail"))
                        .isEqualTo(JSON.createObjectNode()
                                .put("imagingVersion", "1.0")
                                .put("datastoreId", datastoreId)
                                .put("jobId", job.jobId())
                                .put("jobName", job.jobName())
                                .put("jobStatus", "COMPLETED")
                                .put("inputS3Uri", job.inputS3Uri())
                                .put("outputS3Uri", job.outputS3Uri()));
                assertThat(events.get(4).path("detail"))
                        .isEqualTo(JSON.createObjectNode()
                                .put("imagingVersion", "1.0")
                                .put("isPrimary", true)
                                .put("datastoreId", datastoreId)
                                .put("imagesetId", original)
                                .put("imageSetVersion", "1")
                                .put("imageSetState", "ACTIVE")
                                .put("imageSetWorkflowStatus", "CREATED"));
                assertThat(events.get(4).path("resources").get(0).asText()).isEqualTo(originalArn);
                assertThat(events.get(7).at("/detail/imageSetVersion").asText()).isEqualTo("2");
                assertThat(events.get(7).at("/detail/imageSetWorkflowStatus").asText())
                        .isEqualTo("UPDATED");
                assertThat(events.get(8).at("/detail/imageSetState").asText()).isEqualTo("LOCKED");
                assertThat(events.get(9).at("/detail/sourceImageSetArn").asText())
                        .isEqualTo(originalArn);
                assertThat(events.get(9).at("/detail/isPrimary").asBoolean()).isFalse();
                GetImageSetResponse copyNow = server.client()
                        .getImageSet(r -> r.datastoreId(datastoreId).imageSetId(copy));
                assertThat(events.get(12).at("/detail/imageSetVersion").asText())
                        .isEqualTo(copyNow.versionId());
                assertThat(events.get(12).at("/detail/imageSetState").asText()).isEqualTo("DELETED");
                assertThat(events.get(16).at("/detail/datastoreStatus").asText())
                        .isEqualTo("DELETED");

                // A replay from the Image Set Created event sends it and every later one again, in order.
                long created = receiver.deliveries.stream()
                        .filter(d -> d.status() == 200)
                        .filter(d -> d.event().path("detail-type").asText().equals("Image Set Created"))
                        .findFirst()
                        .orElseThrow()
                        .position();
                RawHttp.Response replayed = new RawHttp.Request(server)
                        .method("POST")
                        .path("/_openahi/events/replay")
                        .body("{\"webhook\": \"audit\", \"fromPosition\": " + created + "}")
                        .send(server);
                assertThat(replayed.status())
                        .as(new String(replayed.body(), StandardCharsets.UTF_8))
                        .isEqualTo(200);
                assertThat(replayed.json().path("deliveredPosition").asLong()).isEqualTo(created - 1);
                await("the replay delivered", () -> receiver.accepted().size() >= 17 + 13);
                List<JsonNode> again =
                        receiver.accepted().subList(17, receiver.accepted().size());
                assertThat(again)
                        .extracting(event -> event.path("id").asText())
                        .containsExactlyElementsOf(events.subList(4, 17).stream()
                                .map(event -> event.path("id").asText())
                                .toList());

                RawHttp.Response unknown = new RawHttp.Request(server)
                        .method("POST")
                        .path("/_openahi/events/replay")
                        .body("{\"webhook\": \"nobody\", \"fromPosition\": 1}")
                        .send(server);
                assertThat(unknown.status()).isEqualTo(404);
                assertThat(unknown.message()).contains("nobody");
                RawHttp.Response unsigned =
                        RawHttp.send(server.port(), "GET", "/_openahi/events", Map.of(), new byte[0]);
                assertThat(unsigned.status()).isEqualTo(403);
            }
        }
    }

    /** Two servers on one PostgreSQL database: one delivers to the webhook at a time, every event once, in order. */
    @org.junit.jupiter.api.Test
    void twoServersSharingADatabaseDeliverEveryEventOnceInCommitOrder() throws Exception {
        String database = org.openahi.testing.EmbeddedPostgres.shared().createDatabase();
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            Map<String, String> shared = Map.of(
                    "OPENAHI_DATABASE_URL",
                    database,
                    "OPENAHI_BLOB_STORE",
                    work.resolve("blobs").toString(),
                    "OPENAHI_EVENT_WEBHOOKS",
                    "audit=" + receiver.url(),
                    "OPENAHI_EVENT_WEBHOOK_SECRETS",
                    "audit=" + SECRET);
            try (TestServer first = TestServer.start(Backend.POSTGRESQL, shared);
                    TestServer second = TestServer.start(Backend.POSTGRESQL, shared)) {
                List<String> expected = new java.util.ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    MedicalImagingClient client = (i % 2 == 0 ? first : second).client();
                    String id =
                            client.createDatastore(r -> r.datastoreName("node")).datastoreId();
                    client.deleteDatastore(r -> r.datastoreId(id));
                    for (String type : List.of(
                            "Data Store Creating", "Data Store Created", "Data Store Deleting", "Data Store Deleted")) {
                        expected.add(type + " " + id);
                    }
                }
                await("every event delivered", () -> receiver.accepted().size() >= expected.size());
                assertThat(receiver.accepted())
                        .extracting(EventWebhooksIT::summary)
                        .containsExactlyElementsOf(expected);
                assertThat(receiver.deliveries)
                        .extracting(WebhookReceiver.Delivery::position)
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, expected.size())
                                .boxed()
                                .toList());
            }
        }
    }

    static String summary(JsonNode event) {
        JsonNode detail = event.path("detail");
        String id = detail.has("imagesetId")
                ? detail.path("imagesetId").asText()
                : detail.has("jobId")
                        ? detail.path("jobId").asText()
                        : detail.path("datastoreId").asText();
        return event.path("detail-type").asText() + " " + id;
    }

    private static JsonNode status(TestServer server) {
        RawHttp.Response response =
                new RawHttp.Request(server).path("/_openahi/events").send(server);
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response.json();
    }

    private static void awaitDeleted(MedicalImagingClient client, String datastoreId, String imageSetId) {
        await(
                "image set " + imageSetId + " DELETED",
                () -> client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                                .imageSetState()
                        == ImageSetState.DELETED);
    }

    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
