package org.openahi.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.openahi.core.account.Account;

/**
 * The EventBridge envelope AHI's events come in ({@code version, id, detail-type, source, account, time, region,
 * resources, detail}), with {@code source} {@code aws.medical-imaging} and AHI's detail-types, so a receiver written
 * for AHI's events reads openahi's unchanged (docs/events.md).
 */
final class EventEnvelope {
    static final String SOURCE = "aws.medical-imaging";
    /** The {@code imagingVersion} every AHI event's detail starts with. */
    static final String IMAGING_VERSION = "1.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventEnvelope() {}

    /** A detail object that already carries {@code imagingVersion}, for the caller to fill. */
    static ObjectNode detail() {
        return JSON.createObjectNode().put("imagingVersion", IMAGING_VERSION);
    }

    /** The event's JSON; {@code time} is whole seconds, as EventBridge's are. */
    static String json(Account account, String detailType, String resourceArn, Instant time, ObjectNode detail) {
        ObjectNode event = JSON.createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", detailType)
                .put("source", SOURCE)
                .put("account", account.accountId())
                .put("time", time.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", account.region());
        event.putArray("resources").add(resourceArn);
        event.set("detail", detail);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event is always serializable", e);
        }
    }
}
