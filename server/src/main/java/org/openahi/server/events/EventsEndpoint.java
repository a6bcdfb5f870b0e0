package org.openahi.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.events.DeliveryCursor;
import org.openahi.core.events.EventDelivery;
import org.openahi.server.access.AccessRequests;
import org.openahi.server.aws.AwsApi;
import org.openahi.server.http.Answer;
import org.openahi.server.http.Extension;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.RawRequest;

/**
 * {@code GET /_openahi/events} (action {@code openahi:GetEventDelivery}): the last event's position and where each
 * webhook stands; {@code POST /_openahi/events/replay} with {@code {"webhook": name, "fromPosition": n}} (action
 * {@code openahi:ReplayEvents}): the webhook gets every kept event from position n again, in order (docs/events.md).
 */
public final class EventsEndpoint implements Extension {
    static final String STATUS = "/_openahi/events";
    static final String REPLAY = "/_openahi/events/replay";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventDelivery delivery;
    private final AwsApi api;
    private final AccessRequests access;

    public EventsEndpoint(EventDelivery delivery, AwsApi api, AccessRequests access) {
        this.delivery = delivery;
        this.api = api;
        this.access = access;
    }

    @Override
    public boolean owns(String rawPath) {
        return rawPath.equals(STATUS) || rawPath.equals(REPLAY);
    }

    @Override
    public Answer handle(RawRequest request, String requestId, String sourceIp) {
        if (request.rawPath().equals(STATUS) && request.method().equals("GET")) {
            return api.extension(
                    "GetEventDelivery",
                    request,
                    requestId,
                    sourceIp,
                    access.forExtension("GetEventDelivery", sourceIp),
                    this::status);
        }
        if (request.rawPath().equals(REPLAY) && request.method().equals("POST")) {
            return api.extension(
                    "ReplayEvents",
                    request,
                    requestId,
                    sourceIp,
                    access.forExtension("ReplayEvents", sourceIp),
                    () -> replay(request.body()));
        }
        return new Answer(
                "unknown",
                HttpError.methodNotAllowed(request.method(), request.rawPath()).response());
    }

    private JsonNode status() {
        ObjectNode status = JSON.createObjectNode().put("lastPosition", delivery.lastPosition());
        ArrayNode cursors = status.putArray("webhooks");
        delivery.webhooks().forEach(webhook -> cursors.add(json(delivery.cursor(webhook))));
        return status;
    }

    private JsonNode replay(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequest("The body must be JSON: {\"webhook\": name, \"fromPosition\": n}");
        }
        if (request == null
                || !request.path("webhook").isTextual()
                || !request.path("fromPosition").canConvertToLong()
                || !request.path("fromPosition").isIntegralNumber()) {
            throw new InvalidRequest("The body must be {\"webhook\": name, \"fromPosition\": n} with n an integer");
        }
        return json(delivery.replay(
                request.get("webhook").asText(), request.get("fromPosition").asLong()));
    }

    private static ObjectNode json(DeliveryCursor cursor) {
        ObjectNode node = JSON.createObjectNode()
                .put("webhook", cursor.webhook())
                .put("deliveredPosition", cursor.deliveredPosition())
                .put("attempts", cursor.attempts())
                .put("nextAttemptAt", cursor.nextAttemptAt().toString());
        cursor.lastError().ifPresent(error -> node.put("lastError", error));
        return node;
    }
}
