package org.openahi.core.imageset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * What a LOCKED image set's pending work must do, kept as JSON in the pending work row so the work can run again
 * after a restart. Edits keep their numbers exact.
 */
final class WorkPlans {
    // JsonNodeFactory.withExactBigDecimals is deprecated since Jackson 2.15 in favour of JsonNodeFeature.
    // STRIP_TRAILING_BIGDECIMAL_ZEROES; kept until the replacement is shown to write the same digits.
    @SuppressWarnings("deprecation")
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private WorkPlans() {}

    /**
     * An update of the image set from {@code baseVersion}: an edit ({@link org.openahi.core.metadata.MetadataEdit}
     * as JSON) or a revert to {@code revertTo}; {@code studyMembers} are the study's other primary image sets the
     * edit's Study part also goes to (includeStudyImageSets), each LOCKED at its own new version.
     */
    record Update(int baseVersion, JsonNode edit, Integer revertTo, boolean force, List<StudyMember> studyMembers) {}

    record StudyMember(String imageSetId, int baseVersion) {}

    /**
     * A copy of {@code sourceImageSetId} at {@code sourceVersion} (the instances {@code selection} names, all when
     * null) into the work's image set: a new one, or an existing one from {@code baseVersion}.
     */
    record Copy(
            String sourceImageSetId,
            int sourceVersion,
            JsonNode selection,
            boolean newDestination,
            int baseVersion,
            boolean force) {}

    record Delete(int baseVersion) {}

    static String write(Object plan) {
        try {
            return JSON.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A work plan is always serializable", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable work plan: " + e.getOriginalMessage(), e);
        }
    }
}
