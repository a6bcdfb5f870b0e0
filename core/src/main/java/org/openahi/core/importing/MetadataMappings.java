package org.openahi.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openahi.core.metadata.LevelOverride;
import org.openahi.core.metadata.MetadataLevel;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.Tags;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.json.DicomJsonReader;

/**
 * A job's DICOM JSON metadata mappings with their files read and checked: which attributes the instances of each
 * study and series take ({@link #forInstance}), and, once the job's files are staged, the FAILURE outcome of every
 * mapping that could not be applied ({@link #failures}). The metadata files are the job's configuration, not DICOM
 * input: they are not imported as files, and appear in the manifests only when their mapping fails.
 */
final class MetadataMappings {
    /** A metadata file larger than AHI's metadata limit per image set (50 MB) is refused unread. */
    static final long MAX_FILE_BYTES = 50L << 20;

    static final MetadataMappings NONE = new MetadataMappings(List.of());

    /** A mapping that names an instance's study or series but could not be applied; the instance is refused. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /** A mapping, the key its file has (or would have) in the input, and either its attributes or why not. */
    private record Loaded(
            MetadataMapping mapping, String inputFile, Optional<LevelOverride> override, Optional<String> problem) {
        boolean names(String study, String series) {
            return mapping.studyInstanceUid().equals(study)
                    && mapping.seriesInstanceUid().map(series::equals).orElse(true);
        }
    }

    private final List<Loaded> loaded;
    private final Set<MetadataMapping> matched = ConcurrentHashMap.newKeySet();

    private MetadataMappings(List<Loaded> loaded) {
        this.loaded = loaded;
    }

    /** Reads the job's metadata files from among its input objects. */
    static MetadataMappings load(ImportJob job, List<ImportStorage.InputObject> inputs, ImportStorage storage) {
        if (job.metadataMappings().isEmpty()) {
            return NONE;
        }
        Map<String, ImportStorage.InputObject> byLocation = inputs.stream()
                .collect(Collectors.toMap(input -> location(input.uri()), Function.identity(), (a, b) -> a));
        String base = job.inputUri().endsWith("/") ? job.inputUri() : job.inputUri() + "/";
        List<Loaded> loaded = new ArrayList<>();
        for (MetadataMapping mapping : job.metadataMappings()) {
            String file = resolve(base, mapping.metadataFilePath());
            ImportStorage.InputObject input = byLocation.get(file);
            if (input == null) {
                loaded.add(new Loaded(
                        mapping,
                        key(file),
                        Optional.empty(),
                        Optional.of("the metadata file " + mapping.metadataFilePath() + " does not exist under "
                                + job.inputUri())));
                continue;
            }
            try {
                loaded.add(
                        new Loaded(mapping, input.key(), Optional.of(read(mapping, input, storage)), Optional.empty()));
            } catch (Unusable e) {
                loaded.add(new Loaded(mapping, input.key(), Optional.empty(), Optional.of(e.getMessage())));
            }
        }
        return new MetadataMappings(List.copyOf(loaded));
    }

    /** The inputs that are DICOM files to import: all but the metadata files. */
    List<ImportStorage.InputObject> dicomInputs(List<ImportStorage.InputObject> inputs) {
        Set<String> metadataFiles = new HashSet<>();
        loaded.forEach(mapping -> metadataFiles.add(mapping.inputFile()));
        return inputs.stream()
                .filter(input -> !metadataFiles.contains(input.key()))
                .toList();
    }

    /** What an instance of this study and series takes from the mappings that name it. */
    List<LevelOverride> forInstance(String studyInstanceUid, String seriesInstanceUid) throws Unusable {
        List<LevelOverride> overrides = new ArrayList<>();
        for (Loaded mapping : loaded) {
            if (!mapping.names(studyInstanceUid, seriesInstanceUid)) {
                continue;
            }
            matched.add(mapping.mapping());
            if (mapping.problem().isPresent()) {
                throw new Unusable(
                        "the metadata mapping for " + mapping.mapping().scope() + " could not be applied: "
                                + mapping.problem().get());
            }
            overrides.add(mapping.override().orElseThrow());
        }
        return overrides;
    }

    /** After every file was staged: a FAILURE for each mapping that was refused or named nothing in the input. */
    List<FileOutcome> failures() {
        List<FileOutcome> failures = new ArrayList<>();
        for (Loaded mapping : loaded) {
            Optional<String> reason = mapping.problem()
                    .or(() -> matched.contains(mapping.mapping())
                            ? Optional.empty()
                            : Optional.of("no input file belongs to "
                                    + mapping.mapping().scope() + "; the mapping was not applied"));
            reason.ifPresent(message -> failures.add(FileOutcome.failure(
                    mapping.inputFile(),
                    FileFailure.INVALID_FILE,
                    "Metadata mapping for " + mapping.mapping().scope() + ": " + message)));
        }
        return failures;
    }

    private static LevelOverride read(MetadataMapping mapping, ImportStorage.InputObject input, ImportStorage storage)
            throws Unusable {
        String path = mapping.metadataFilePath();
        if (input.size() > MAX_FILE_BYTES) {
            throw new Unusable("the metadata file " + path + " has " + input.size() + " bytes; at most "
                    + MAX_FILE_BYTES + " are read");
        }
        List<Dataset> datasets;
        try (InputStream in = storage.open(input)) {
            datasets = DicomJsonReader.readAll(
                    new String(in.readNBytes((int) MAX_FILE_BYTES + 1), StandardCharsets.UTF_8), uri -> null);
        } catch (DicomParseException e) {
            throw new Unusable("the metadata file " + path + " is not DICOM JSON: " + e.getMessage());
        } catch (IOException e) {
            throw new Unusable("the metadata file " + path + " could not be read: " + e.getMessage());
        }
        if (datasets.size() != 1) {
            throw new Unusable(
                    "the metadata file " + path + " holds " + datasets.size() + " data sets; it must hold one");
        }
        Dataset attributes = datasets.get(0);
        Set<MetadataLevel> levels = mapping.seriesInstanceUid().isPresent()
                ? Set.of(MetadataLevel.SERIES)
                : Set.of(MetadataLevel.PATIENT, MetadataLevel.STUDY);
        checkUid(attributes, Tag.StudyInstanceUID, "StudyInstanceUID", Optional.of(mapping.studyInstanceUid()), path);
        checkUid(attributes, Tag.SeriesInstanceUID, "SeriesInstanceUID", mapping.seriesInstanceUid(), path);
        for (Element element : attributes) {
            int tag = element.tag();
            if (tag != Tag.SpecificCharacterSet && !levels.contains(MetadataLevel.of(tag))) {
                throw new Unusable("the metadata file " + path + " sets " + name(tag) + ", a " + MetadataLevel.of(tag)
                        + "-level attribute; a "
                        + (mapping.seriesInstanceUid().isPresent()
                                ? "series-level mapping sets Series"
                                : "study-level mapping sets Patient and Study")
                        + " attributes only");
            }
        }
        return new LevelOverride(path, attributes, levels);
    }

    /** A UID the file repeats must be the mapping's; it is then dropped, since an instance's UIDs are never replaced. */
    private static void checkUid(Dataset attributes, int tag, String keyword, Optional<String> expected, String path)
            throws Unusable {
        if (!attributes.contains(tag)) {
            return;
        }
        String value = attributes.getString(tag);
        if (expected.isEmpty() || value == null || !value.strip().equals(expected.get())) {
            throw new Unusable("the metadata file " + path + " gives " + keyword + " " + value + ", not the mapping's "
                    + expected.orElse("(none: a study-level mapping)"));
        }
        attributes.remove(tag);
    }

    private static String name(int tag) {
        return Optional.ofNullable(Dictionary.keyword(tag))
                        .map(keyword -> keyword + " ")
                        .orElse("")
                + Tags.format(tag);
    }

    /**
     * Where an input URI points, so a mapping's file is found whatever the URI's spelling: a path for folders (whose
     * listed URIs are percent-encoded), the URI as the storage lists it for buckets (bucket and key as they are).
     */
    private static String location(String uri) {
        return uri.startsWith("file:") ? Path.of(URI.create(uri)).normalize().toString() : uri;
    }

    /** The location of the file {@code relative} names under the input folder {@code base}. */
    private static String resolve(String base, String relative) {
        return base.startsWith("file:")
                ? Path.of(URI.create(base)).resolve(relative).normalize().toString()
                : base + relative;
    }

    /** The key a missing file would have, as the storage names what it lists: a path, or the object key. */
    private static String key(String location) {
        if (!location.contains("://")) {
            return location;
        }
        String afterScheme = location.substring(location.indexOf("://") + 3);
        return afterScheme.substring(afterScheme.indexOf('/') + 1);
    }
}
