package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ConflictException;
import software.amazon.awssdk.services.medicalimaging.model.GetImageSetResponse;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetWorkflowStatus;
import software.amazon.awssdk.services.medicalimaging.model.JobStatus;
import software.amazon.awssdk.services.medicalimaging.model.ResourceNotFoundException;
import software.amazon.awssdk.services.medicalimaging.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.medicalimaging.model.ValidationException;

/**
 * Import through the SDK beyond the happy path: a re-import versions the primary image set and keeps the old
 * version readable; a conflicting instance goes to a non-primary image set; every error StartDICOMImportJob,
 * GetDICOMImportJob, ListDICOMImportJobs and the image set reads can return.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportLifecycleIT {
    private static final String SERIES = "01_Ax_DWI_TENSOR_R2";

    private Path work;
    private TestServer server;
    private MedicalImagingClient client;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        this.work = work;
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", SharedCorpus.dicom() + "," + work));
        client = server.client();
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    private String output() {
        return work.resolve("out").toUri().toString();
    }

    private String seriesFolder() {
        return SharedCorpus.geStudy().resolve(SERIES).toUri().toString();
    }

    private List<JsonNode> successes(Imports.Finished finished) {
        return Imports.ndjson(Imports.folder(finished.job()).resolve("SUCCESS/success.ndjson"));
    }

    @Test
    void reimportingTheSameFilesMakesVersionTwoAndKeepsVersionOne() {
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("reimport")).datastoreId();
        Imports.Finished first = Imports.run(client, datastoreId, seriesFolder(), output());
        Imports.Finished second = Imports.run(client, datastoreId, seriesFolder(), output());
        assertThat(second.job().jobStatus()).isEqualTo(JobStatus.COMPLETED);
        String imageSetId =
                successes(first).get(0).at("/importResponse/imageSetId").asText();
        assertThat(successes(first))
                .hasSize(14)
                .allMatch(line -> line.at("/importResponse/imageSetVersion").asInt() == 1);
        assertThat(successes(second))
                .hasSize(14)
                .allMatch(line -> line.at("/importResponse/imageSetId").asText().equals(imageSetId)
                        && line.at("/importResponse/imageSetVersion").asInt() == 2
                        && line.at("/importResponse/isPrimary").asBoolean());

        GetImageSetResponse latest =
                client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId));
        assertThat(latest.versionId()).isEqualTo("2");
        assertThat(latest.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.IMPORTED);
        GetImageSetResponse original = client.getImageSet(
                r -> r.datastoreId(datastoreId).imageSetId(imageSetId).versionId("1"));
        assertThat(original.versionId()).isEqualTo("1");
        assertThat(original.imageSetWorkflowStatus()).isEqualTo(ImageSetWorkflowStatus.CREATED);
        assertThat(original.createdAt()).isEqualTo(latest.createdAt());

        JsonNode v1 = Imports.metadata(client, datastoreId, imageSetId, "1");
        JsonNode v2 = Imports.metadata(client, datastoreId, imageSetId, "2");
        assertThat(Imports.instances(v1).size()).isEqualTo(14);
        assertThat(Imports.instances(v2).size()).isEqualTo(14);
        String sop = Imports.instances(v1).fieldNames().next();
        String oldFrame =
                Imports.instances(v1).path(sop).at("/ImageFrames/0/ID").asText();
        String newFrame =
                Imports.instances(v2).path(sop).at("/ImageFrames/0/ID").asText();
        assertThat(newFrame).isNotEqualTo(oldFrame);
        assertThat(Imports.frame(client, datastoreId, imageSetId, oldFrame))
                .isEqualTo(Imports.frame(client, datastoreId, imageSetId, newFrame));
        assertThatThrownBy(() -> client.getImageSet(
                        r -> r.datastoreId(datastoreId).imageSetId(imageSetId).versionId("3")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anInstanceWhosePatientConflictsGoesToANonPrimaryImageSet() throws Exception {
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("conflict")).datastoreId();
        Imports.Finished primary = Imports.run(client, datastoreId, seriesFolder(), output());
        String primaryId =
                successes(primary).get(0).at("/importResponse/imageSetId").asText();

        Path conflicting = Files.createDirectories(work.resolve("conflicting"));
        Path source;
        try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(SERIES))) {
            source = files.sorted().findFirst().orElseThrow();
        }
        DicomFile file = DicomReader.read(source);
        Dataset dataset = file.dataset();
        dataset.putStrings(Tag.PatientID, VR.LO, "SOMEONE-ELSE");
        DicomWriter.write(conflicting.resolve("changed.dcm"), dataset, TransferSyntax.of(file.transferSyntaxUid()));

        Imports.Finished result =
                Imports.run(client, datastoreId, conflicting.toUri().toString(), output());
        List<JsonNode> lines = successes(result);
        assertThat(lines).hasSize(1);
        String nonPrimaryId = lines.get(0).at("/importResponse/imageSetId").asText();
        assertThat(nonPrimaryId).isNotEqualTo(primaryId);
        assertThat(lines.get(0).at("/importResponse/isPrimary").asBoolean()).isFalse();
        GetImageSetResponse nonPrimary =
                client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(nonPrimaryId));
        assertThat(nonPrimary.isPrimary()).isFalse();
        assertThat(nonPrimary.versionId()).isEqualTo("1");
        assertThat(client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(primaryId))
                        .versionId())
                .isEqualTo("1");
        JsonNode document = Imports.metadata(client, datastoreId, nonPrimaryId, null);
        assertThat(document.at("/Patient/DICOM/PatientID").asText().strip()).isEqualTo("SOMEONE-ELSE");
    }

    @Test
    void imageSetsCarryTagsAndHoldTheirDataStoreUntilDeleted() {
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("tags")).datastoreId();
        Imports.Finished finished = Imports.run(client, datastoreId, seriesFolder(), output());
        String imageSetId =
                successes(finished).get(0).at("/importResponse/imageSetId").asText();
        String arn = client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(imageSetId))
                .imageSetArn();
        client.tagResource(r -> r.resourceArn(arn).tags(Map.of("cohort", "A")));
        assertThat(client.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactly(Map.entry("cohort", "A"));
        client.untagResource(r -> r.resourceArn(arn).tagKeys("cohort"));
        assertThat(client.listTagsForResource(r -> r.resourceArn(arn)).tags()).isEmpty();
        assertThatThrownBy(() -> client.deleteDatastore(r -> r.datastoreId(datastoreId)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("image sets");
    }

    @Test
    void startingAJobIsValidated() {
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("validation")).datastoreId();
        String unknown = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> Imports.start(client, unknown, seriesFolder(), output()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> Imports.start(client, datastoreId, "file:///etc/", output()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("OPENAHI_FILE_ROOTS");
        assertThatThrownBy(() -> Imports.start(client, datastoreId, "ftp://host/dicom", output()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'inputS3Uri'");
        assertThatThrownBy(() -> client.startDICOMImportJob(r -> r.datastoreId(datastoreId)
                        .dataAccessRoleArn("not-a-role")
                        .inputS3Uri(seriesFolder())
                        .outputS3Uri(output())))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'dataAccessRoleArn'");
        String deleted = client.createDatastore(r -> r.datastoreName("deleted")).datastoreId();
        client.deleteDatastore(r -> r.datastoreId(deleted));
        assertThatThrownBy(() -> Imports.start(client, deleted, seriesFolder(), output()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("DELETED");
    }

    @Test
    void aClientTokenStartsOneJobAndRefusesOtherParameters() {
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("tokens")).datastoreId();
        String job = client.startDICOMImportJob(r -> r.datastoreId(datastoreId)
                        .clientToken("job-token")
                        .dataAccessRoleArn(Imports.ROLE)
                        .inputS3Uri(seriesFolder())
                        .outputS3Uri(output()))
                .jobId();
        String again = client.startDICOMImportJob(r -> r.datastoreId(datastoreId)
                        .clientToken("job-token")
                        .dataAccessRoleArn(Imports.ROLE)
                        .inputS3Uri(seriesFolder())
                        .outputS3Uri(output()))
                .jobId();
        assertThat(again).isEqualTo(job);
        assertThatThrownBy(() -> client.startDICOMImportJob(r -> r.datastoreId(datastoreId)
                        .clientToken("job-token")
                        .dataAccessRoleArn(Imports.ROLE)
                        .inputS3Uri(SharedCorpus.geStudy().toUri().toString())
                        .outputS3Uri(output())))
                .isInstanceOf(ConflictException.class);
        Imports.await(client, datastoreId, job, java.time.Duration.ofMinutes(5));
    }

    @Test
    void jobsAreReadListedAndPagedPerDataStore() {
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("listing")).datastoreId();
        List<String> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(Imports.run(client, datastoreId, seriesFolder(), output())
                    .job()
                    .jobId());
        }
        var listed =
                client
                        .listDICOMImportJobsPaginator(
                                r -> r.datastoreId(datastoreId).maxResults(1))
                        .jobSummaries()
                        .stream()
                        .toList();
        assertThat(listed).extracting(s -> s.jobId()).containsExactly(jobs.get(2), jobs.get(1), jobs.get(0));
        assertThat(listed).allSatisfy(summary -> {
            assertThat(summary.jobStatus()).isEqualTo(JobStatus.COMPLETED);
            assertThat(summary.datastoreId()).isEqualTo(datastoreId);
            assertThat(summary.dataAccessRoleArn()).isEqualTo(Imports.ROLE);
        });
        assertThat(client.listDICOMImportJobs(r -> r.datastoreId(datastoreId).jobStatus(JobStatus.FAILED))
                        .jobSummaries())
                .isEmpty();
        String other = client.createDatastore(r -> r.datastoreName("other")).datastoreId();
        assertThatThrownBy(
                        () -> client.getDICOMImportJob(r -> r.datastoreId(other).jobId(jobs.get(0))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() ->
                        client.getDICOMImportJob(r -> r.datastoreId(datastoreId).jobId("nosuchjob")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.listDICOMImportJobs(r -> r.datastoreId("f".repeat(32))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theQuotaOfUnfinishedJobsIsEnforced() {
        try (TestServer small = TestServer.start(
                        Backend.SQLITE,
                        Map.of(
                                "OPENAHI_FILE_ROOTS",
                                SharedCorpus.dicom() + "," + work,
                                "OPENAHI_IMPORT_MAX_UNFINISHED_JOBS",
                                "1",
                                "OPENAHI_IMPORT_PARALLEL_JOBS",
                                "1"));
                MedicalImagingClient limited = small.client()) {
            String datastoreId =
                    limited.createDatastore(r -> r.datastoreName("quota")).datastoreId();
            String running = Imports.start(
                    limited, datastoreId, SharedCorpus.geStudy().toUri().toString(), output());
            assertThatThrownBy(() -> Imports.start(limited, datastoreId, seriesFolder(), output()))
                    .isInstanceOf(ServiceQuotaExceededException.class);
            assertThat(Imports.await(limited, datastoreId, running, java.time.Duration.ofMinutes(5))
                            .job()
                            .jobStatus())
                    .isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void readsOfWhatDoesNotExistAreNotFound() {
        String datastoreId =
                client.createDatastore(r -> r.datastoreName("reads")).datastoreId();
        String imageSetId = successes(Imports.run(client, datastoreId, seriesFolder(), output()))
                .get(0)
                .at("/importResponse/imageSetId")
                .asText();
        String unknown = "a".repeat(32);
        assertThatThrownBy(
                        () -> client.getImageSet(r -> r.datastoreId(datastoreId).imageSetId(unknown)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.getImageSetMetadata(
                        r -> r.datastoreId(datastoreId).imageSetId(unknown)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> Imports.frame(client, datastoreId, imageSetId, unknown))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.getImageSet(r -> r.datastoreId(unknown).imageSetId(imageSetId)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.getImageSetMetadata(
                        r -> r.datastoreId(datastoreId).imageSetId(imageSetId).versionId("0")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.getImageSet(
                        r -> r.datastoreId(datastoreId).imageSetId(imageSetId).versionId("x")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'versionId'");
    }
}
