package org.openahi.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One attribute an instance took from a metadata file instead of its own: {@code previous} is the instance's value
 * as its metadata document would have held it (empty when the instance lacked the attribute), {@code value} what the
 * document holds now.
 */
public record AppliedOverride(
        String source, MetadataLevel level, String attribute, Optional<JsonNode> previous, JsonNode value) {}
