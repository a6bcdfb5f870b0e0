package org.openahi.core.exporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.openahi.core.error.InvalidRequest;

/**
 * What an export writes: image sets by id (a search's result is resolved to its image set ids when the job is
 * submitted), or a study (the primary image sets of its series when the job runs). Kept as JSON in the job's row.
 */
public record ExportSelection(List<String> imageSetIds, Optional<String> studyInstanceUid) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Image sets one export may name. */
    public static final int MAX_IMAGE_SETS = 1000;

    public ExportSelection {
        imageSetIds = List.copyOf(imageSetIds);
        if (imageSetIds.isEmpty() == studyInstanceUid.isEmpty()) {
            throw new InvalidRequest("An export names either imageSetIds or a studyInstanceUid");
        }
        if (imageSetIds.size() > MAX_IMAGE_SETS) {
            throw new InvalidRequest(
                    "An export names at most " + MAX_IMAGE_SETS + " image sets, got " + imageSetIds.size());
        }
    }

    public static ExportSelection imageSets(List<String> ids) {
        return new ExportSelection(ids, Optional.empty());
    }

    public static ExportSelection study(String studyInstanceUid) {
        return new ExportSelection(List.of(), Optional.of(studyInstanceUid));
    }

    private record Stored(List<String> imageSetIds, String studyInstanceUid) {}

    public String toJson() {
        try {
            return JSON.writeValueAsString(new Stored(imageSetIds, studyInstanceUid.orElse(null)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A selection is always serializable", e);
        }
    }

    public static ExportSelection fromJson(String json) {
        try {
            Stored stored = JSON.readValue(json, Stored.class);
            return new ExportSelection(
                    stored.imageSetIds() == null ? List.of() : stored.imageSetIds(),
                    Optional.ofNullable(stored.studyInstanceUid()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable export selection: " + e.getOriginalMessage(), e);
        }
    }
}
