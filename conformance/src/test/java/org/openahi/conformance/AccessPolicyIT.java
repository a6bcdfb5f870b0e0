package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * Principals and IAM policies from an access file (issue 17), through the SDK and signed raw HTTP: for each of the
 * 18 operations and every DICOMweb action, a principal allowed only that action on the right resources is let
 * through, one allowed it on another data store is denied, one allowed everything but denied that action is denied
 * (Deny beats Allow), and for data-plane actions one allowed the data store but not its image sets is denied; then
 * each condition key; then the file edited and broken while the server runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessPolicyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "arn:aws:iam::" + TestServer.ACCOUNT_ID + ":user/admin";
    private static final String NO_SUCH_ID = "0".repeat(32);

    private Path accessFile;
    private TestServer server;
    private MedicalImagingClient admin;
    private String datastore;
    private String otherDatastore;
    private String disposableDatastore;
    private String imageSet;
    private String study;
    private String series;
    private String instance;
    private byte[] dicom;
    private final ArrayNode principals = JSON.createArrayNode();
    private final Map<String, String> keyOf = new LinkedHashMap<>();
    private final AtomicLong version = new AtomicLong();

    /** One action and how to call it with a principal's key; true when the answer is AccessDeniedException. */
    private record Action(
            String name, boolean api, boolean imageSetResource, boolean anyResource, Function<String, Boolean> call) {}

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        accessFile = work.resolve("access.json");
        principal(ADMIN, TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY, allow("*", "*"));
        writeAccessFile();
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_ACCESS_FILE", accessFile.toString()));
        admin = server.client();
        datastore = admin.createDatastore(r -> r.datastoreName("policy")).datastoreId();
        otherDatastore =
                admin.createDatastore(r -> r.datastoreName("policy-other")).datastoreId();
        disposableDatastore =
                admin.createDatastore(r -> r.datastoreName("policy-disposable")).datastoreId();
        try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(ImageSets.SERIES_01))) {
            dicom = Files.readAllBytes(files.sorted().findFirst().orElseThrow());
        }
        RawHttp.Response stored = stow(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY, "");
        assertThat(stored.status())
                .as(new String(stored.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        String retrieveUrl =
                stored.json().at("/00081199/Value/0/00081190/Value/0").asText();
        String[] parts =
                retrieveUrl.substring(retrieveUrl.indexOf("/studies/") + 1).split("/");
        study = parts[1];
        series = parts[3];
        instance = parts[5];
        imageSet = admin.searchImageSets(r -> r.datastoreId(datastore))
                .imageSetsMetadataSummaries()
                .get(0)
                .imageSetId();
        admin.tagResource(r -> r.resourceArn(server.datastoreArn(datastore)).tags(Map.of("team", "radiology")));
        admin.tagResource(
                r -> r.resourceArn(server.datastoreArn(otherDatastore)).tags(Map.of("team", "cardiology")));
    }

    @AfterAll
    void stop() {
        admin.close();
        server.close();
    }

    private List<Action> actions() {
        List<Action> actions = new ArrayList<>();
        api(actions, "CreateDatastore", false, true, c -> c.createDatastore(r -> r.datastoreName("made-by-policy")));
        api(actions, "ListDatastores", false, true, c -> c.listDatastores(r -> {}));
        api(actions, "GetDatastore", false, false, c -> c.getDatastore(r -> r.datastoreId(datastore)));
        api(
                actions,
                "TagResource",
                false,
                false,
                c -> c.tagResource(
                        r -> r.resourceArn(server.datastoreArn(datastore)).tags(Map.of("team", "radiology"))));
        api(
                actions,
                "UntagResource",
                false,
                false,
                c -> c.untagResource(
                        r -> r.resourceArn(server.datastoreArn(datastore)).tagKeys("none")));
        api(
                actions,
                "ListTagsForResource",
                false,
                false,
                c -> c.listTagsForResource(r -> r.resourceArn(server.datastoreArn(datastore))));
        api(
                actions,
                "StartDICOMImportJob",
                false,
                false,
                c -> c.startDICOMImportJob(r -> r.datastoreId(datastore)
                        .dataAccessRoleArn(Imports.ROLE)
                        .inputS3Uri("file:///nowhere/in/")
                        .outputS3Uri("file:///nowhere/out/")));
        api(
                actions,
                "GetDICOMImportJob",
                false,
                false,
                c -> c.getDICOMImportJob(r -> r.datastoreId(datastore).jobId(NO_SUCH_ID)));
        api(actions, "ListDICOMImportJobs", false, false, c -> c.listDICOMImportJobs(r -> r.datastoreId(datastore)));
        api(actions, "SearchImageSets", false, false, c -> c.searchImageSets(r -> r.datastoreId(datastore)));
        api(
                actions,
                "GetImageSet",
                true,
                false,
                c -> c.getImageSet(r -> r.datastoreId(datastore).imageSetId(imageSet)));
        api(
                actions,
                "GetImageSetMetadata",
                true,
                false,
                c -> c.getImageSetMetadata(
                        r -> r.datastoreId(datastore).imageSetId(imageSet), ResponseTransformer.toBytes()));
        api(
                actions,
                "GetImageFrame",
                true,
                false,
                c -> c.getImageFrame(
                        r -> r.datastoreId(datastore)
                                .imageSetId(imageSet)
                                .imageFrameInformation(f -> f.imageFrameId(NO_SUCH_ID)),
                        ResponseTransformer.toBytes()));
        api(
                actions,
                "ListImageSetVersions",
                true,
                false,
                c -> c.listImageSetVersions(r -> r.datastoreId(datastore).imageSetId(imageSet)));
        api(
                actions,
                "UpdateImageSetMetadata",
                true,
                false,
                c -> c.updateImageSetMetadata(r -> r.datastoreId(datastore)
                        .imageSetId(imageSet)
                        .latestVersionId("999")
                        .updateImageSetMetadataUpdates(u -> u.dicomUpdates(d -> d.updatableAttributes(
                                SdkBytes.fromUtf8String(ImageSets.studyAttribute("StudyDescription", "x")))))));
        api(
                actions,
                "CopyImageSet",
                true,
                false,
                c -> c.copyImageSet(r -> r.datastoreId(datastore)
                        .sourceImageSetId(imageSet)
                        .copyImageSetInformation(i -> i.sourceImageSet(s -> s.latestVersionId("999")))));
        api(
                actions,
                "DeleteImageSet",
                true,
                false,
                c -> c.deleteImageSet(r -> r.datastoreId(datastore).imageSetId(NO_SUCH_ID)));
        // Last: allowed, it deletes the data store it is allowed on (its own).
        api(actions, "DeleteDatastore", false, false, c -> c.deleteDatastore(r -> r.datastoreId(disposableDatastore)));

        String seriesPath = "/studies/" + study + "/series/" + series;
        String instancePath = seriesPath + "/instances/" + instance;
        dicomWeb(actions, "SearchDICOMStudies", "/studies");
        dicomWeb(actions, "SearchDICOMSeries", "/studies/" + study + "/series");
        dicomWeb(actions, "SearchDICOMInstances", seriesPath + "/instances");
        dicomWeb(actions, "GetDICOMStudy", "/studies/" + study);
        dicomWeb(actions, "GetDICOMStudyMetadata", "/studies/" + study + "/metadata");
        dicomWeb(actions, "GetDICOMSeries", seriesPath);
        dicomWeb(actions, "GetDICOMSeriesMetadata", seriesPath + "/metadata");
        dicomWeb(actions, "GetDICOMInstance", instancePath);
        dicomWeb(actions, "GetDICOMInstanceMetadata", instancePath + "/metadata");
        dicomWeb(actions, "GetDICOMInstanceFrames", instancePath + "/frames/1");
        dicomWeb(actions, "GetDICOMBulkdata", instancePath + "/bulkdata/" + NO_SUCH_ID);
        actions.add(new Action("StoreDICOM", false, false, false, key -> denied(stow(key, secretOf(key), ""))));
        actions.add(new Action(
                "StoreDICOMStudy", false, false, false, key -> denied(stow(key, secretOf(key), "/" + study))));
        return actions;
    }

    @Test
    void everyOperationAndDicomWebActionIsAllowedAndDeniedByActionAndResourceAndDenyBeatsAllow() throws IOException {
        List<Action> actions = actions();
        assertThat(actions.stream().filter(Action::api))
                .as("the 18 operations of the model")
                .hasSize(18);
        assertThat(actions.stream().filter(a -> !a.api()))
                .as("AHI's 10 DICOMweb actions and openahi's 3 more")
                .hasSize(13);
        for (Action action : actions) {
            String ds = action.name().equals("DeleteDatastore") ? disposableDatastore : datastore;
            List<String> right = action.anyResource()
                    ? List.of("*")
                    : List.of(server.datastoreArn(ds), server.datastoreArn(ds) + "/imageset/*");
            List<String> elsewhere = action.anyResource()
                    ? List.of("arn:aws:medical-imaging:*")
                    : List.of(server.datastoreArn(otherDatastore), server.datastoreArn(otherDatastore) + "/imageset/*");
            newPrincipal("allow-" + action.name(), allow("medical-imaging:" + action.name(), right));
            newPrincipal("elsewhere-" + action.name(), allow("medical-imaging:" + action.name(), elsewhere));
            newPrincipal("deny-" + action.name(), allow("*", List.of("*")), deny("medical-imaging:" + action.name()));
            if (action.imageSetResource()) {
                newPrincipal(
                        "datastore-only-" + action.name(),
                        allow("medical-imaging:" + action.name(), List.of(server.datastoreArn(ds))));
            }
        }
        writeAccessFile();
        for (Action action : actions) {
            assertThat(action.call().apply(keyOf.get("deny-" + action.name())))
                    .as("Deny beats Allow: " + action.name())
                    .isTrue();
            assertThat(action.call().apply(keyOf.get("elsewhere-" + action.name())))
                    .as("allowed only elsewhere: " + action.name())
                    .isTrue();
            if (action.imageSetResource()) {
                assertThat(action.call().apply(keyOf.get("datastore-only-" + action.name())))
                        .as("allowed the data store, not its image sets: " + action.name())
                        .isTrue();
            }
            assertThat(action.call().apply(keyOf.get("allow-" + action.name())))
                    .as("allowed: " + action.name())
                    .isFalse();
            for (Action other : List.of(actions.get(2), actions.get(actions.size() - 6))) {
                if (!other.name().equals(action.name())) {
                    assertThat(other.call().apply(keyOf.get("allow-" + action.name())))
                            .as(action.name() + "'s principal asking for " + other.name())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void aRefusalIsAnAccessDeniedExceptionWordedAsAwsWordsIt() throws IOException {
        newPrincipal("reader", allow("medical-imaging:Get*", List.of("*")));
        writeAccessFile();
        try (MedicalImagingClient reader = client(keyOf.get("reader"))) {
            AwsServiceException refused = refusal(
                    () -> reader.deleteImageSet(r -> r.datastoreId(datastore).imageSetId(imageSet)));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(refused.awsErrorDetails().errorMessage())
                    .isEqualTo("User: arn:aws:iam::" + TestServer.ACCOUNT_ID
                            + ":user/reader is not authorized to perform: medical-imaging:DeleteImageSet on resource: "
                            + server.datastoreArn(datastore) + " because no identity-based policy allows the "
                            + "medical-imaging:DeleteImageSet action");
            assertThat(reader.getImageSet(r -> r.datastoreId(datastore).imageSetId(imageSet))
                            .imageSetId())
                    .isEqualTo(imageSet);
        }
        RawHttp.Request search = new RawHttp.Request(server).path("/datastore/" + datastore + "/studies");
        search.accessKeyId = keyOf.get("reader");
        search.secret = secretOf(search.accessKeyId);
        RawHttp.Response refused = search.send(server);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorType()).isEqualTo("AccessDeniedException");
        assertThat(refused.message())
                .contains("medical-imaging:SearchDICOMStudies on resource: " + server.datastoreArn(datastore));
    }

    @Test
    void anImageSetArnAllowsThatImageSetAlone() throws IOException {
        newPrincipal(
                "one-image-set",
                allow(
                        "medical-imaging:GetImageSet",
                        List.of(
                                server.datastoreArn(datastore),
                                server.datastoreArn(datastore) + "/imageset/" + imageSet)));
        writeAccessFile();
        String key = keyOf.get("one-image-set");
        assertThat(api(key, c -> c.getImageSet(r -> r.datastoreId(datastore).imageSetId(imageSet))))
                .isFalse();
        assertThat(api(key, c -> c.getImageSet(r -> r.datastoreId(datastore).imageSetId(NO_SUCH_ID))))
                .isTrue();
        assertThat(api(
                        key,
                        c -> c.getImageSet(r -> r.datastoreId(otherDatastore).imageSetId(imageSet))))
                .isTrue();
    }

    @Test
    void studyAndSeriesInstanceUidConditionsScopeDicomWeb() throws IOException {
        newPrincipal(
                "one-study",
                allowIf("medical-imaging:GetDICOM*", "StringEquals", "medical-imaging:StudyInstanceUID", study));
        newPrincipal(
                "one-series",
                allowIf(
                        "medical-imaging:GetDICOM*",
                        "StringLike",
                        "medical-imaging:SeriesInstanceUID",
                        series.substring(0, series.length() - 3) + "*"));
        newPrincipal(
                "search-one-study",
                allowIf("medical-imaging:SearchDICOM*", "StringEquals", "medical-imaging:StudyInstanceUID", study));
        writeAccessFile();
        // The searches across studies carry no study key: a plain operator on it refuses them.
        String searcher = keyOf.get("search-one-study");
        assertThat(dicomWebGet(searcher, "/studies/" + study + "/series").status())
                .isEqualTo(200);
        for (String acrossStudies : List.of("/series", "/instances", "/studies")) {
            assertThat(denied(dicomWebGet(searcher, acrossStudies)))
                    .as(acrossStudies)
                    .isTrue();
        }
        String seriesMetadata = "/studies/" + study + "/series/" + series + "/metadata";
        String otherStudy = "/studies/1.2.3/series/" + series + "/metadata";
        String otherSeries = "/studies/" + study + "/series/1.2.3/metadata";
        for (String principal : List.of("one-study", "one-series")) {
            assertThat(dicomWebGet(keyOf.get(principal), seriesMetadata).status())
                    .as(principal)
                    .isEqualTo(200);
            assertThat(denied(dicomWebGet(keyOf.get(principal), "/studies")))
                    .as(principal + ": no study in the path")
                    .isTrue();
        }
        assertThat(denied(dicomWebGet(keyOf.get("one-study"), otherStudy))).isTrue();
        assertThat(denied(dicomWebGet(keyOf.get("one-study"), otherSeries))).isFalse();
        assertThat(denied(dicomWebGet(keyOf.get("one-series"), otherSeries))).isTrue();
        assertThat(denied(dicomWebGet(keyOf.get("one-series"), otherStudy))).isFalse();
    }

    @Test
    void resourceTagsRequestTagsTagKeysAndSourceIpConditions() throws IOException {
        newPrincipal(
                "radiology",
                allowIf("medical-imaging:GetDatastore", "StringEquals", "aws:ResourceTag/team", "radiology"));
        ObjectNode tagger = allow("medical-imaging:TagResource", List.of("*"));
        ObjectNode conditions = tagger.putObject("Condition");
        conditions.putObject("StringEquals").put("aws:RequestTag/team", "radiology");
        conditions
                .putObject("ForAllValues:StringEquals")
                .putArray("aws:TagKeys")
                .add("team");
        newPrincipal("tagger", tagger);
        newPrincipal("office", allowIf("medical-imaging:GetDatastore", "IpAddress", "aws:SourceIp", "10.0.0.0/8"));
        newPrincipal("local", allowIf("medical-imaging:GetDatastore", "IpAddress", "aws:SourceIp", "127.0.0.0/8"));
        writeAccessFile();
        assertThat(api(keyOf.get("radiology"), c -> c.getDatastore(r -> r.datastoreId(datastore))))
                .isFalse();
        assertThat(api(keyOf.get("radiology"), c -> c.getDatastore(r -> r.datastoreId(otherDatastore))))
                .isTrue();

        String arn = server.datastoreArn(otherDatastore);
        assertThat(api(
                        keyOf.get("tagger"),
                        c -> c.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "radiology")))))
                .isFalse();
        assertThat(api(
                        keyOf.get("tagger"),
                        c -> c.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "oncology")))))
                .isTrue();
        assertThat(api(
                        keyOf.get("tagger"),
                        c -> c.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "radiology", "owner", "x")))))
                .isTrue();
        assertThat(admin.listTagsForResource(r -> r.resourceArn(arn)).tags()).isEqualTo(Map.of("team", "radiology"));
        admin.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "cardiology")));

        assertThat(api(keyOf.get("office"), c -> c.getDatastore(r -> r.datastoreId(datastore))))
                .isTrue();
        assertThat(api(keyOf.get("local"), c -> c.getDatastore(r -> r.datastoreId(datastore))))
                .isFalse();
    }

    @Test
    void theFileIsReadAgainWhenItChangesAndABrokenEditKeepsTheLastGoodOne() throws IOException {
        newPrincipal("changing", allow("medical-imaging:GetDatastore", List.of("*")));
        writeAccessFile();
        String key = keyOf.get("changing");
        assertThat(api(key, c -> c.getDatastore(r -> r.datastoreId(datastore)))).isFalse();

        ObjectNode changing = (ObjectNode) principals.get(principals.size() - 1);
        changing.putArray("policies").add(policy(allow("*", List.of("*")), deny("medical-imaging:GetDatastore")));
        writeAccessFile();
        assertThat(api(key, c -> c.getDatastore(r -> r.datastoreId(datastore)))).isTrue();

        Files.writeString(accessFile, "{\"principals\": [{\"arn\": \"not an arn\"}]}");
        Files.setLastModifiedTime(accessFile, FileTime.from(Instant.now().plusSeconds(version.incrementAndGet())));
        assertThat(api(key, c -> c.getDatastore(r -> r.datastoreId(datastore))))
                .as("still the last good file")
                .isTrue();
        assertThat(admin.getDatastore(r -> r.datastoreId(datastore))
                        .datastoreProperties()
                        .datastoreId())
                .isEqualTo(datastore);
        writeAccessFile();
    }

    @Test
    void everyWriteIsAuditedWithItsPrincipalRequestIdAndOutcomeAndReadsAreNot() throws IOException {
        newPrincipal("audited-reader", allow("medical-imaging:Get*", List.of("*")));
        writeAccessFile();
        String created = admin.createDatastore(r -> r.datastoreName("audited"))
                .responseMetadata()
                .requestId();
        String read = admin.getDatastore(r -> r.datastoreId(datastore))
                .responseMetadata()
                .requestId();
        AwsServiceException refused;
        try (MedicalImagingClient reader = client(keyOf.get("audited-reader"))) {
            refused = refusal(
                    () -> reader.deleteImageSet(r -> r.datastoreId(datastore).imageSetId(imageSet)));
        }
        RawHttp.Response stored = stow(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY, "");
        assertThat(stored.status()).isEqualTo(200);

        Map<String, JsonNode> lines = new LinkedHashMap<>();
        for (String line : Files.readAllLines(server.dataDirectory().path().resolve("audit.log"))) {
            JsonNode record = JSON.readTree(line);
            lines.put(record.path("requestId").asText(), record);
        }
        assertThat(lines).doesNotContainKey(read);
        JsonNode create = lines.get(created);
        assertThat(create.path("principal").asText()).isEqualTo(ADMIN);
        assertThat(create.path("action").asText()).isEqualTo("medical-imaging:CreateDatastore");
        assertThat(create.path("resources").toString()).isEqualTo("[\"*\"]");
        assertThat(create.path("status").asInt()).isEqualTo(200);
        assertThat(create.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(create.has("error")).isFalse();
        JsonNode denial = lines.get(refused.requestId());
        assertThat(denial.path("principal").asText()).endsWith(":user/audited-reader");
        assertThat(denial.path("action").asText()).isEqualTo("medical-imaging:DeleteImageSet");
        assertThat(denial.path("resources").toString())
                .isEqualTo("[\"" + server.datastoreArn(datastore) + "\",\"" + server.datastoreArn(datastore)
                        + "/imageset/" + imageSet + "\"]");
        assertThat(denial.path("status").asInt()).isEqualTo(403);
        assertThat(denial.path("error").asText()).isEqualTo("AccessDeniedException");
        JsonNode stow = lines.get(stored.header("x-amzn-RequestId"));
        assertThat(stow.path("action").asText()).isEqualTo("medical-imaging:StoreDICOM");
        assertThat(stow.path("principal").asText()).isEqualTo(ADMIN);
        assertThat(stow.path("status").asInt()).isEqualTo(200);
        assertThat(lines.values())
                .allSatisfy(record -> assertThat(record.path("action").asText())
                        .doesNotStartWith("medical-imaging:Get")
                        .doesNotStartWith("medical-imaging:Search")
                        .doesNotStartWith("medical-imaging:List"));
    }

    // ---- the access file

    private static ObjectNode allow(String action, List<String> resources) {
        ObjectNode statement = JSON.createObjectNode().put("Effect", "Allow").put("Action", action);
        ArrayNode resource = statement.putArray("Resource");
        resources.forEach(resource::add);
        return statement;
    }

    private static ObjectNode allow(String action, String resource) {
        return allow(action, List.of(resource));
    }

    private static ObjectNode deny(String action) {
        return JSON.createObjectNode()
                .put("Effect", "Deny")
                .put("Action", action)
                .put("Resource", "*");
    }

    private static ObjectNode allowIf(String action, String operator, String key, String value) {
        ObjectNode statement = allow(action, List.of("*"));
        statement.putObject("Condition").putObject(operator).put(key, value);
        return statement;
    }

    private static ObjectNode policy(ObjectNode... statements) {
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode list = policy.putArray("Statement");
        for (ObjectNode statement : statements) {
            list.add(statement);
        }
        return policy;
    }

    private void principal(String arn, String keyId, String secret, ObjectNode... statements) {
        ObjectNode principal = principals.addObject().put("arn", arn);
        principal.putArray("accessKeys").addObject().put("accessKeyId", keyId).put("secretAccessKey", secret);
        principal.putArray("policies").add(policy(statements));
    }

    private void newPrincipal(String name, ObjectNode... statements) {
        String key = "key-" + name.replaceAll("[^A-Za-z0-9]", "-");
        keyOf.put(name, key);
        principal("arn:aws:iam::" + TestServer.ACCOUNT_ID + ":user/" + name, key, secretOf(key), statements);
    }

    private static String secretOf(String key) {
        return key.equals(TestServer.ACCESS_KEY_ID) ? TestServer.SECRET_ACCESS_KEY : "secret-of-" + key;
    }

    /** Writes the file, with a modification time no earlier write had, so the server sees a change. */
    private void writeAccessFile() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("principals", principals);
        Files.write(accessFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Files.setLastModifiedTime(accessFile, FileTime.from(Instant.now().plusSeconds(version.incrementAndGet())));
    }

    // ---- calls as a principal

    private MedicalImagingClient client(String key) {
        return server.baseBuilder(TestServer.credentials(key, secretOf(key)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    private void api(
            List<Action> actions, String name, boolean imageSet, boolean any, Consumer<MedicalImagingClient> call) {
        actions.add(new Action(name, true, imageSet, any, key -> api(key, call)));
    }

    /** True when the call is refused with AccessDeniedException; any other answer means it was authorized. */
    private boolean api(String key, Consumer<MedicalImagingClient> call) {
        try (MedicalImagingClient client = client(key)) {
            call.accept(client);
            return false;
        } catch (AwsServiceException e) {
            return e.statusCode() == 403
                    && "AccessDeniedException".equals(e.awsErrorDetails().errorCode());
        }
    }

    private static AwsServiceException refusal(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    private void dicomWeb(List<Action> actions, String name, String path) {
        actions.add(new Action(name, false, false, false, key -> denied(dicomWebGet(key, path))));
    }

    private RawHttp.Response dicomWebGet(String key, String path) {
        RawHttp.Request request = new RawHttp.Request(server).path("/datastore/" + datastore + path);
        request.accessKeyId = key;
        request.secret = secretOf(key);
        return request.send(server);
    }

    private RawHttp.Response stow(String key, String secret, String studyPath) {
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + datastore + "/studies" + studyPath)
                .header("Content-Type", "application/dicom")
                .header("Accept", "application/dicom+json");
        request.body = dicom;
        request.accessKeyId = key;
        request.secret = secret;
        return request.send(server);
    }

    private static boolean denied(RawHttp.Response response) {
        return response.status() == 403 && "AccessDeniedException".equals(response.errorType());
    }
}
