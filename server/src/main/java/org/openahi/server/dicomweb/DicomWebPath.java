package org.openahi.server.dicomweb;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DICOMweb path as AHI lays them out under {@code /datastore/{datastoreId}/studies}: which resource it names
 * and the identifiers in it. UIDs and the image set id are plain tokens (no escapes are needed for them).
 */
public record DicomWebPath(
        Resource resource,
        String datastoreId,
        Optional<String> study,
        Optional<String> series,
        Optional<String> instance,
        Optional<String> tail) {
    private static final Pattern PREFIX = Pattern.compile("^/datastore/([^/]+)/studies(?:/(.*))?$");
    /** The searches PS3.18 defines across studies (openahi's addition: AHI searches within a study only). */
    private static final Pattern ACROSS_STUDIES = Pattern.compile("^/datastore/([^/]+)/(series|instances)$");

    /** The resource a path names, by its shape. */
    public enum Resource {
        STUDIES,
        /** Every series of the data store (PS3.18 "all series", openahi's addition). */
        ALL_SERIES,
        /** Every instance of the data store (PS3.18 "all instances", openahi's addition). */
        ALL_INSTANCES,
        STUDY,
        STUDY_METADATA,
        STUDY_SERIES,
        STUDY_INSTANCES,
        SERIES,
        SERIES_METADATA,
        SERIES_INSTANCES,
        INSTANCE,
        INSTANCE_METADATA,
        FRAMES,
        BULKDATA,
        /** Rendered resources (PS3.18 §10.4, openahi's addition: AHI has none). */
        STUDY_THUMBNAIL,
        SERIES_THUMBNAIL,
        INSTANCE_RENDERED,
        INSTANCE_THUMBNAIL,
        FRAME_RENDERED,
        FRAME_THUMBNAIL
    }

    /** Whether the path belongs to DICOMweb (rather than to the AHI API). */
    public static boolean matches(String rawPath) {
        return PREFIX.matcher(rawPath).matches()
                || ACROSS_STUDIES.matcher(rawPath).matches();
    }

    /** The parsed path; empty when it is under the DICOMweb prefix but names no DICOMweb resource. */
    public static Optional<DicomWebPath> parse(String rawPath) {
        Matcher across = ACROSS_STUDIES.matcher(rawPath);
        if (across.matches()) {
            Resource resource = across.group(2).equals("series") ? Resource.ALL_SERIES : Resource.ALL_INSTANCES;
            return Optional.of(of(resource, across.group(1), null, null, null, null));
        }
        Matcher prefix = PREFIX.matcher(rawPath);
        if (!prefix.matches()) {
            return Optional.empty();
        }
        String datastoreId = prefix.group(1);
        String rest = prefix.group(2);
        if (rest == null || rest.isEmpty()) {
            return Optional.of(of(Resource.STUDIES, datastoreId, null, null, null, null));
        }
        List<String> parts = List.of(rest.split("/", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        String study = parts.get(0);
        return switch (parts.size()) {
            case 1 -> Optional.of(of(Resource.STUDY, datastoreId, study, null, null, null));
            case 2 ->
                switch (parts.get(1)) {
                    case "metadata" -> Optional.of(of(Resource.STUDY_METADATA, datastoreId, study, null, null, null));
                    case "series" -> Optional.of(of(Resource.STUDY_SERIES, datastoreId, study, null, null, null));
                    case "instances" -> Optional.of(of(Resource.STUDY_INSTANCES, datastoreId, study, null, null, null));
                    case "thumbnail" -> Optional.of(of(Resource.STUDY_THUMBNAIL, datastoreId, study, null, null, null));
                    default -> Optional.empty();
                };
            default ->
                parts.get(1).equals("series")
                        ? series(datastoreId, study, parts.subList(2, parts.size()))
                        : Optional.empty();
        };
    }

    private static Optional<DicomWebPath> series(String datastoreId, String study, List<String> parts) {
        String series = parts.get(0);
        if (parts.size() == 1) {
            return Optional.of(of(Resource.SERIES, datastoreId, study, series, null, null));
        }
        if (parts.size() == 2) {
            return switch (parts.get(1)) {
                case "metadata" -> Optional.of(of(Resource.SERIES_METADATA, datastoreId, study, series, null, null));
                case "instances" -> Optional.of(of(Resource.SERIES_INSTANCES, datastoreId, study, series, null, null));
                case "thumbnail" -> Optional.of(of(Resource.SERIES_THUMBNAIL, datastoreId, study, series, null, null));
                default -> Optional.empty();
            };
        }
        if (!parts.get(1).equals("instances")) {
            return Optional.empty();
        }
        String instance = parts.get(2);
        return switch (parts.size()) {
            case 3 -> Optional.of(of(Resource.INSTANCE, datastoreId, study, series, instance, null));
            case 4 ->
                switch (parts.get(3)) {
                    case "metadata" ->
                        Optional.of(of(Resource.INSTANCE_METADATA, datastoreId, study, series, instance, null));
                    case "rendered" ->
                        Optional.of(of(Resource.INSTANCE_RENDERED, datastoreId, study, series, instance, null));
                    case "thumbnail" ->
                        Optional.of(of(Resource.INSTANCE_THUMBNAIL, datastoreId, study, series, instance, null));
                    default -> Optional.empty();
                };
            case 5 ->
                switch (parts.get(3)) {
                    case "frames" ->
                        Optional.of(of(Resource.FRAMES, datastoreId, study, series, instance, parts.get(4)));
                    case "bulkdata" ->
                        Optional.of(of(Resource.BULKDATA, datastoreId, study, series, instance, parts.get(4)));
                    default -> Optional.empty();
                };
            case 6 ->
                !parts.get(3).equals("frames")
                        ? Optional.empty()
                        : switch (parts.get(5)) {
                            case "rendered" ->
                                Optional.of(of(
                                        Resource.FRAME_RENDERED, datastoreId, study, series, instance, parts.get(4)));
                            case "thumbnail" ->
                                Optional.of(of(
                                        Resource.FRAME_THUMBNAIL, datastoreId, study, series, instance, parts.get(4)));
                            default -> Optional.empty();
                        };
            default -> Optional.empty();
        };
    }

    private static DicomWebPath of(
            Resource resource, String datastoreId, String study, String series, String instance, String tail) {
        return new DicomWebPath(
                resource,
                datastoreId,
                Optional.ofNullable(study),
                Optional.ofNullable(series),
                Optional.ofNullable(instance),
                Optional.ofNullable(tail));
    }

    public String requireStudy() {
        return study.orElseThrow();
    }

    public String requireSeries() {
        return series.orElseThrow();
    }

    public String requireInstance() {
        return instance.orElseThrow();
    }
}
