package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetState;
import software.amazon.awssdk.services.medicalimaging.model.UpdateImageSetMetadataRequest;
import software.amazon.awssdk.services.medicalimaging.model.UpdateImageSetMetadataResponse;

/**
 * Image sets to write to, made by importing from the GE study: series 01 less one instance becomes a primary
 * image set; that instance, with another PatientID, a non-primary one; series 02 a second primary image set of
 * the same study. Plus the waits and edits the write tests share.
 */
final class ImageSets {
    static final String SERIES_01 = "01_Ax_DWI_TENSOR_R2";
    static final String SERIES_02 = "02_Ax_DWI_TENSOR_R3";

    /** The image sets of one import: {@code primary} (13 instances), {@code nonPrimary} (1), {@code otherSeries} (14). */
    record Fixture(String datastoreId, String primary, String nonPrimary, String otherSeries) {}

    private ImageSets() {}

    /** The document without what differs between two stores of the same files: ids of data store, image set, frames. */
    static JsonNode withoutIds(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove(List.of("DatastoreID", "ImageSetID"));
        for (JsonNode series : copy.path("Study").path("Series")) {
            for (JsonNode instance : series.path("Instances")) {
                for (JsonNode frame : (ArrayNode) instance.path("ImageFrames")) {
                    ((ObjectNode) frame).remove("ID");
                }
            }
        }
        return copy;
    }

    /**
     * Imports the fixture into a new data store; {@code work} must be one of the server's file roots. The changed
     * instance's file sorts last, so the series' primary image set is the one the 13 unchanged instances form.
     */
    static Fixture importFixture(MedicalImagingClient client, Path work, String name) {
        try {
            Path input = Files.createDirectories(work.resolve(name + "-input"));
            List<Path> series01 = files(SERIES_01);
            for (Path file : series01.subList(1, series01.size())) {
                Files.copy(file, input.resolve("s01-" + file.getFileName()));
            }
            DicomFile changed = DicomReader.read(series01.get(0));
            Dataset dataset = changed.dataset();
            dataset.putStrings(Tag.PatientID, VR.LO, "SOMEONE-ELSE");
            DicomWriter.write(
                    input.resolve("s01-zz-changed.dcm"), dataset, TransferSyntax.of(changed.transferSyntaxUid()));
            for (Path file : files(SERIES_02)) {
                Files.copy(file, input.resolve("s02-" + file.getFileName()));
            }
            String datastoreId =
                    client.createDatastore(r -> r.datastoreName(name)).datastoreId();
            Imports.Finished finished = Imports.run(
                    client,
                    datastoreId,
                    input.toUri().toString(),
                    work.resolve(name + "-output").toUri().toString());
            String primary = null;
            String nonPrimary = null;
            String otherSeries = null;
            for (JsonNode line : Imports.ndjson(Imports.folder(finished.job()).resolve("SUCCESS/success.ndjson"))) {
                String id = line.at("/importResponse/imageSetId").asText();
                boolean isPrimary = line.at("/importResponse/isPrimary").asBoolean();
                String file = line.path("inputFile").asText();
                if (!isPrimary) {
                    nonPrimary = id;
                } else if (file.contains("s01-")) {
                    primary = id;
                } else {
                    otherSeries = id;
                }
            }
            assertThat(List.of(String.valueOf(primary), String.valueOf(nonPrimary), String.valueOf(otherSeries)))
                    .doesNotContain("null")
                    .doesNotHaveDuplicates();
            return new Fixture(datastoreId, primary, nonPrimary, otherSeries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(String series) throws IOException {
        try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(series))) {
            return files.sorted().toList();
        }
    }

    /** Polls GetImageSet until the image set is no longer LOCKED, as AWS's own examples do. */
    static GetImageSetResponse awaitUnlocked(MedicalImagingClient client, String datastoreId, String imageSetId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            GetImageSetResponse imageSet =
                    client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId));
            if (imageSet.imageSetState() != ImageSetState.LOCKED) {
                return imageSet;
            }
            assertThat(Instant.now())
                    .as("image set " + imageSetId + " stays LOCKED")
                    .isBefore(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * A client whose UpdateImageSetMetadata calls carry {@code includeStudyImageSets=true}. The AWS SDK for Java on
     * our Maven mirror (2.40.2) predates that member of the model, so an interceptor adds the query parameter before
     * the request is signed; boto3 1.43 has it as {@code includeStudyImageSets}.
     */
    static MedicalImagingClient studyWideUpdates(TestServer server) {
        ExecutionInterceptor includeStudy = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.request() instanceof UpdateImageSetMetadataRequest
                        ? context.httpRequest().toBuilder()
                                .putRawQueryParameter("includeStudyImageSets", "true")
                                .build()
                        : context.httpRequest();
            }
        };
        return server.client(
                builder -> builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
                        .addExecutionInterceptor(includeStudy)));
    }

    static SdkBytes json(String json) {
        return SdkBytes.fromUtf8String(json);
    }

    /** An edit that sets one Study-level attribute. */
    static String studyAttribute(String keyword, String value) {
        return "{\"SchemaVersion\":1.1,\"Study\":{\"DICOM\":{\"" + keyword + "\":\"" + value + "\"}}}";
    }

    static UpdateImageSetMetadataResponse update(
            MedicalImagingClient client,
            String datastoreId,
            String imageSetId,
            String latestVersion,
            String updatable) {
        return client.updateImageSetMetadata(r -> r.datastoreId(datastoreId)
                .imageSetId(imageSetId)
                .latestVersionId(latestVersion)
                .updateImageSetMetadataUpdates(u -> u.dicomUpdates(d -> d.updatableAttributes(json(updatable)))));
    }

    /** Updates and waits until the update has ended; returns the new version. */
    static String updateAndWait(
            MedicalImagingClient client,
            String datastoreId,
            String imageSetId,
            String latestVersion,
            String updatable) {
        String version = update(client, datastoreId, imageSetId, latestVersion, updatable)
                .latestVersionId();
        awaitUnlocked(client, datastoreId, imageSetId);
        return version;
    }
}
