package org.openahi.core.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.metadata.InstanceUids;
import org.openahi.core.metadata.MetadataTrees;

/**
 * One entry of StartDICOMImportJob's {@code dicomJsonMetadataImportConfiguration.dicomMetadataMappings}: the DICOM
 * JSON file, relative to the job's input folder, whose attributes the study's (Patient and Study level) or, with a
 * series, the series' (Series level) instances take in place of their own. See docs/decisions.md.
 */
public record MetadataMapping(String studyInstanceUid, Optional<String> seriesInstanceUid, String metadataFilePath) {

    /** The level the mapping names, for messages and manifests. */
    public String scope() {
        return seriesInstanceUid
                .map(series -> "series " + series + " of study " + studyInstanceUid)
                .orElse("study " + studyInstanceUid);
    }

    /**
     * Checks what the model cannot: UIDs that are UIDs, paths inside the input folder, and no study or series named
     * twice (which file would win is not for openahi to guess).
     */
    public static void check(List<MetadataMapping> mappings) {
        Set<String> scopes = new HashSet<>();
        for (MetadataMapping mapping : mappings) {
            InstanceUids.problem("studyInstanceUID", mapping.studyInstanceUid()).ifPresent(MetadataMapping::refuse);
            mapping.seriesInstanceUid()
                    .ifPresent(series ->
                            InstanceUids.problem("seriesInstanceUID", series).ifPresent(MetadataMapping::refuse));
            String path = mapping.metadataFilePath();
            if (path.isBlank()
                    || path.startsWith("/")
                    || path.contains("\\")
                    || path.contains("://")
                    || List.of(path.split("/", -1)).stream()
                            .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
                refuse("metadataFilePath '" + path
                        + "' must be a path relative to inputS3Uri, with no empty, '.' or '..' " + "segments");
            }
            if (!scopes.add(mapping.scope())) {
                refuse("dicomMetadataMappings names " + mapping.scope() + " more than once");
            }
        }
    }

    /** The mappings as a job row keeps them, the model's member names in a JSON array; null when there are none. */
    public static String write(List<MetadataMapping> mappings) {
        if (mappings.isEmpty()) {
            return null;
        }
        ArrayNode array = MetadataTrees.object().arrayNode();
        for (MetadataMapping mapping : mappings) {
            ObjectNode item = array.addObject().put("studyInstanceUID", mapping.studyInstanceUid());
            mapping.seriesInstanceUid().ifPresent(series -> item.put("seriesInstanceUID", series));
            item.put("metadataFilePath", mapping.metadataFilePath());
        }
        return array.toString();
    }

    public static List<MetadataMapping> read(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            List<MetadataMapping> mappings = new ArrayList<>();
            for (JsonNode item : MetadataTrees.read(
                            new ByteArrayInputStream(("{\"m\":" + text + "}").getBytes(StandardCharsets.UTF_8)))
                    .path("m")) {
                mappings.add(new MetadataMapping(
                        item.path("studyInstanceUID").asText(),
                        Optional.ofNullable(item.get("seriesInstanceUID")).map(JsonNode::asText),
                        item.path("metadataFilePath").asText()));
            }
            return mappings;
        } catch (IOException e) {
            throw new UncheckedIOException("An import job's metadata mappings are not readable", e);
        }
    }

    private static void refuse(String message) {
        throw new InvalidRequest(message);
    }
}
