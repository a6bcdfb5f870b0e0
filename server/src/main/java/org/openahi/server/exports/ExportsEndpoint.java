package org.openahi.server.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.exporting.ExportJob;
import org.openahi.core.exporting.ExportJobs;
import org.openahi.core.exporting.ExportSelection;
import org.openahi.server.access.AccessRequests;
import org.openahi.server.aws.AwsApi;
import org.openahi.server.http.Answer;
import org.openahi.server.http.Extension;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.RawRequest;

/**
 * openahi's export jobs beside the API (docs/export.md): {@code POST /_openahi/exports} (action
 * {@code openahi:StartExportJob}) with {@code {"datastoreId", "imageSetIds": [...] or "studyInstanceUid",
 * "outputUri", "transferSyntaxUid"?}} starts one; {@code GET /_openahi/exports/<jobId>} (action
 * {@code openahi:GetExportJob}) reads it.
 */
public final class ExportsEndpoint implements Extension {
    static final String PREFIX = "/_openahi/exports";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportJobs exports;
    private final AwsApi api;
    private final AccessRequests access;

    public ExportsEndpoint(ExportJobs exports, AwsApi api, AccessRequests access) {
        this.exports = exports;
        this.api = api;
        this.access = access;
    }

    @Override
    public boolean owns(String rawPath) {
        return rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/");
    }

    @Override
    public Answer handle(RawRequest request, String requestId, String sourceIp) {
        String path = request.rawPath();
        if (path.equals(PREFIX) && request.method().equals("POST")) {
            return api.extension(
                    "StartExportJob",
                    request,
                    requestId,
                    sourceIp,
                    access.forExtension("StartExportJob", sourceIp),
                    () -> json(start(request.body())));
        }
        String jobId = path.substring(Math.min(path.length(), PREFIX.length() + 1));
        if (jobId.matches("[0-9a-z]{32}") && request.method().equals("GET")) {
            return api.extension(
                    "GetExportJob",
                    request,
                    requestId,
                    sourceIp,
                    access.forExtension("GetExportJob", sourceIp),
                    () -> json(exports.get(jobId)));
        }
        return new Answer(
                "unknown", HttpError.unknownOperation(request.method(), path).response());
    }

    private ExportJob start(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequest("The body must be a JSON object (docs/export.md)");
        }
        if (request == null || !request.isObject()) {
            throw new InvalidRequest("The body must be a JSON object (docs/export.md)");
        }
        String datastoreId =
                text(request, "datastoreId").orElseThrow(() -> new InvalidRequest("datastoreId is required"));
        String outputUri = text(request, "outputUri").orElseThrow(() -> new InvalidRequest("outputUri is required"));
        List<String> imageSetIds = new ArrayList<>();
        JsonNode ids = request.path("imageSetIds");
        if (!ids.isMissingNode() && !ids.isArray()) {
            throw new InvalidRequest("imageSetIds must be an array of image set ids");
        }
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw new InvalidRequest("imageSetIds must be an array of image set ids");
            }
            imageSetIds.add(id.asText());
        }
        Optional<String> study = text(request, "studyInstanceUid");
        ExportSelection selection = study.isPresent() && imageSetIds.isEmpty()
                ? ExportSelection.study(study.get())
                : new ExportSelection(imageSetIds, study);
        return exports.start(datastoreId, selection, text(request, "transferSyntaxUid"), outputUri);
    }

    private static Optional<String> text(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequest(member + " must be a non-empty string");
        }
        return Optional.of(value.asText());
    }

    static ObjectNode json(ExportJob job) {
        ObjectNode node = JSON.createObjectNode()
                .put("jobId", job.id())
                .put("datastoreId", job.datastoreId())
                .put("jobStatus", job.status().name())
                .put("outputUri", job.outputUri())
                .put("transferSyntaxUid", job.transferSyntaxUid().orElse("stored"))
                .put("submittedAt", job.submittedAt().toString());
        job.endedAt().ifPresent(at -> node.put("endedAt", at.toString()));
        job.message().ifPresent(message -> node.put("message", message));
        node.putObject("progress")
                .put("instances", job.progress().instances())
                .put("exported", job.progress().exported())
                .put("failed", job.progress().failed());
        return node;
    }
}
