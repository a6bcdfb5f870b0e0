package org.openahi.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.access.AccessRequest;
import org.openahi.core.account.Account;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.tag.TagService;

/**
 * The IAM request of each AHI API operation and DICOMweb action: the action {@code medical-imaging:<name>}, the
 * resources its input names (the data store, and the image set for data-plane actions, as AHI authorizes both; the
 * tagged resource for tag operations; {@code *} for CreateDatastore and ListDatastores) and its condition keys.
 */
public final class AccessRequests {
    public static final String SERVICE_PREFIX = "medical-imaging:";
    /** The prefix of openahi's own actions, which AHI's policies (medical-imaging:*) do not grant. */
    public static final String EXTENSION_PREFIX = "openahi:";

    private final Account account;
    private final TagService tags;

    public AccessRequests(Account account, TagService tags) {
        this.account = account;
        this.tags = tags;
    }

    /** An AHI API operation's request, from its bound input (members named as in the model). */
    public AccessRequest forOperation(String operation, JsonNode input, String sourceIp) {
        List<AccessRequest.Resource> resources = new ArrayList<>();
        Map<String, List<String>> context = base(sourceIp);
        Optional<String> datastoreId = text(input, "datastoreId");
        datastoreId.ifPresent(id -> resources.add(tagged(account.datastoreArn(id))));
        for (String member : List.of("imageSetId", "sourceImageSetId")) {
            text(input, member)
                    .ifPresent(id -> resources.add(tagged(account.imageSetArn(datastoreId.orElseThrow(), id))));
        }
        text(input.path("copyImageSetInformation").path("destinationImageSet"), "imageSetId")
                .ifPresent(id -> resources.add(tagged(account.imageSetArn(datastoreId.orElseThrow(), id))));
        text(input, "resourceArn").ifPresent(arn -> resources.add(tagged(arn)));
        if (resources.isEmpty()) {
            resources.add(AccessRequest.Resource.untagged(AccessRequest.ANY_RESOURCE));
        }
        JsonNode requestTags = input.path("tags");
        if (requestTags.isObject()) {
            List<String> keys = new ArrayList<>();
            requestTags.properties().forEach(tag -> {
                keys.add(tag.getKey());
                context.put(
                        "aws:RequestTag/" + tag.getKey(), List.of(tag.getValue().asText()));
            });
            context.put("aws:TagKeys", keys);
        }
        JsonNode tagKeys = input.path("tagKeys");
        if (tagKeys.isArray()) {
            List<String> keys = new ArrayList<>();
            tagKeys.forEach(key -> keys.add(key.asText()));
            context.put("aws:TagKeys", keys);
        }
        return new AccessRequest(SERVICE_PREFIX + operation, resources, context);
    }

    /**
     * A DICOMweb action's request: the data store and, when {@code imageSetId} addresses one, the image set; the
     * path's Study and Series Instance UIDs as {@code medical-imaging:StudyInstanceUID} and {@code SeriesInstanceUID}.
     */
    public AccessRequest forDicomWeb(
            String action,
            String datastoreId,
            Optional<String> imageSetId,
            Optional<String> study,
            Optional<String> series,
            String sourceIp) {
        List<AccessRequest.Resource> resources = new ArrayList<>();
        resources.add(tagged(account.datastoreArn(datastoreId)));
        imageSetId.ifPresent(id -> resources.add(tagged(account.imageSetArn(datastoreId, id))));
        Map<String, List<String>> context = base(sourceIp);
        study.ifPresent(uid -> context.put("medical-imaging:StudyInstanceUID", List.of(uid)));
        series.ifPresent(uid -> context.put("medical-imaging:SeriesInstanceUID", List.of(uid)));
        return new AccessRequest(SERVICE_PREFIX + action, resources, context);
    }

    /** An openahi extension's request ({@code openahi:<action>}): it acts on the server, not on one resource. */
    public AccessRequest forExtension(String action, String sourceIp) {
        return new AccessRequest(
                EXTENSION_PREFIX + action,
                List.of(AccessRequest.Resource.untagged(AccessRequest.ANY_RESOURCE)),
                base(sourceIp));
    }

    private static Map<String, List<String>> base(String sourceIp) {
        Map<String, List<String>> context = new HashMap<>();
        if (sourceIp != null && !sourceIp.isEmpty()) {
            context.put("aws:SourceIp", List.of(sourceIp));
        }
        return context;
    }

    /** A resource whose tags are read only if a policy asks; one that does not exist has none. */
    private AccessRequest.Resource tagged(String arn) {
        return new AccessRequest.Resource(arn, () -> {
            try {
                return tags.list(arn);
            } catch (OpenAhiException e) {
                return Map.of();
            }
        });
    }

    private static Optional<String> text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
    }
}
