package org.openahi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openahi.server.aws.auth.SigV4Signer;
import org.openahi.server.config.ServerConfig;

/**
 * {@code ./openahi export}: starts an export job on a running server (docs/export.md), signed with the caller's AWS
 * credentials from the environment, and prints its progress until it ends. Exits 0 when the job COMPLETED with every
 * instance written, 1 when it failed or left some out, 2 on a usage error.
 */
public final class ExportCli {
    static final String USAGE = "usage: ./openahi export --datastore ID (--study UID | --image-set ID... | --search "
            + "CRITERIA) --to URI [--transfer-syntax 1.2.840.10008.1.2.1] [--endpoint http://localhost:8080]";
    /** Image sets one export may name ({@code ExportSelection.MAX_IMAGE_SETS}); a search is read up to that many. */
    private static final int MAX_IMAGE_SETS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(1);

    private ExportCli() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err)
            throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        List<String> imageSets = new ArrayList<>();
        JsonNode search = null;
        String endpoint = "http://localhost:" + ServerConfig.DEFAULT_PORT;
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                String value = i + 1 < args.length ? args[++i] : null;
                if (value == null) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                switch (option) {
                    case "--datastore" -> body.put("datastoreId", value);
                    case "--study" -> body.put("studyInstanceUid", value);
                    case "--image-set" -> imageSets.add(value);
                    case "--to" -> body.put("outputUri", value);
                    case "--transfer-syntax" -> body.put("transferSyntaxUid", value);
                    case "--endpoint" -> endpoint = value.replaceAll("/+$", "");
                    case "--search" -> search = criteria(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (!body.has("datastoreId") || !body.has("outputUri")) {
                throw new IllegalArgumentException("--datastore and --to are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("openahi export: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        SigV4Signer signer = new SigV4Signer(
                environment.getOrDefault("AWS_ACCESS_KEY_ID", ServerConfig.DEFAULT_ACCESS_KEY_ID),
                environment.getOrDefault("AWS_SECRET_ACCESS_KEY", ServerConfig.DEFAULT_SECRET_ACCESS_KEY),
                environment.getOrDefault("AWS_DEFAULT_REGION", environment.getOrDefault("AWS_REGION", "us-east-1")),
                "medical-imaging",
                Clock.systemUTC());
        HttpClient client = HttpClient.newHttpClient();
        try {
            if (search != null) {
                imageSets.addAll(searched(
                        client, signer, endpoint, body.path("datastoreId").asText(), search, out));
            }
            imageSets.forEach(body.withArray("imageSetIds")::add);
            JsonNode job = call(
                    client, signer, "POST", URI.create(endpoint + "/_openahi/exports"), JSON.writeValueAsBytes(body));
            URI status = URI.create(
                    endpoint + "/_openahi/exports/" + job.path("jobId").asText());
            out.println("Export job " + job.path("jobId").asText() + " writes to "
                    + job.path("outputUri").asText());
            while (true) {
                String state = job.path("jobStatus").asText();
                JsonNode progress = job.path("progress");
                out.println(state + ": " + progress.path("exported").asLong() + " of "
                        + progress.path("instances").asLong()
                        + " instances written, " + progress.path("failed").asLong() + " failed"
                        + (job.has("message") ? " (" + job.path("message").asText() + ")" : ""));
                if (state.equals("COMPLETED") || state.equals("FAILED")) {
                    return state.equals("COMPLETED") && progress.path("failed").asLong() == 0 ? 0 : 1;
                }
                Thread.sleep(POLL.toMillis());
                job = call(client, signer, "GET", status, new byte[0]);
            }
        } catch (IOException e) {
            err.println("openahi export: " + e.getMessage());
            return 1;
        }
    }

    /** SearchImageSets' {@code searchCriteria}, as the AWS CLI's --search-criteria takes it. */
    private static JsonNode criteria(String json) {
        try {
            JsonNode criteria = JSON.readTree(json);
            if (criteria == null || !criteria.isObject()) {
                throw new IllegalArgumentException("--search must be a JSON object: SearchImageSets' searchCriteria");
            }
            return criteria;
        } catch (IOException e) {
            throw new IllegalArgumentException("--search must be a JSON object: SearchImageSets' searchCriteria");
        }
    }

    /** The ids of the image sets SearchImageSets finds, every page, up to the most one export may name. */
    private static List<String> searched(
            HttpClient client,
            SigV4Signer signer,
            String endpoint,
            String datastoreId,
            JsonNode criteria,
            PrintStream out)
            throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        String nextToken = null;
        do {
            String query = "?maxResults=50"
                    + (nextToken == null
                            ? ""
                            : "&nextToken="
                                    + java.net.URLEncoder.encode(nextToken, java.nio.charset.StandardCharsets.UTF_8));
            ObjectNode request = JSON.createObjectNode();
            request.set("searchCriteria", criteria);
            JsonNode page = call(
                    client,
                    signer,
                    "POST",
                    URI.create(endpoint + "/datastore/" + datastoreId + "/searchImageSets" + query),
                    JSON.writeValueAsBytes(request));
            page.path("imageSetsMetadataSummaries")
                    .forEach(summary -> ids.add(summary.path("imageSetId").asText()));
            nextToken = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (nextToken != null && ids.size() < MAX_IMAGE_SETS);
        if (ids.isEmpty()) {
            throw new IOException("the search finds no image set in datastore " + datastoreId);
        }
        if (nextToken != null) {
            throw new IOException("the search finds more than " + MAX_IMAGE_SETS + " image sets, more than one export "
                    + "writes; narrow it");
        }
        out.println("The search finds " + ids.size() + " image sets");
        return ids;
    }

    private static JsonNode call(HttpClient client, SigV4Signer signer, String method, URI uri, byte[] body)
            throws IOException, InterruptedException {
        Map<String, String> headers = Map.of("Content-Type", "application/json");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        signer.sign(method, uri, headers, body).forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException e) {
            throw new IOException(
                    "no server answers at " + uri.getScheme() + "://" + uri.getRawAuthority()
                            + " (start one with ./openahi serve, or name it with --endpoint)",
                    e);
        }
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException("the server answered " + response.statusCode() + ": "
                    + (answer == null ? "" : answer.path("message").asText(answer.toString())));
        }
        return answer;
    }
}
