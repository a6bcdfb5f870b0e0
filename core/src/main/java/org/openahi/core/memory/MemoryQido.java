package org.openahi.core.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openahi.core.imageset.DicomWebIndex;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetSummary;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoRow;
import org.openahi.core.memory.MemoryTables.ImageSetRow;
import org.openahi.core.memory.MemoryTables.Pair;

/**
 * QIDO-RS over the image set rows and their instance rows: only live primary image sets are searched. Values are
 * matched as the SQL adapters match them: wildcards ignore case, ranges compare text, numbers compare as numbers.
 */
final class MemoryQido {
    private final MemoryTables tables;

    MemoryQido(MemoryTables tables) {
        this.tables = tables;
    }

    /** An image set's row with one of its instances, or none at the study and series levels. */
    private record Hit(ImageSetRow row, DicomWebIndex.Instance instance) {
        ImageSet set() {
            return row.imageSet();
        }

        ImageSetSummary summary() {
            return row.summary() == null ? MemoryImageSetRepository.NO_SUMMARY : row.summary();
        }
    }

    void replaceIndex(String imageSetId, DicomWebIndex index) {
        ImageSetRow row = tables.imageSets.get(imageSetId);
        if (row == null) {
            requireImageSetFor(imageSetId, index);
            return;
        }
        tables.writing(tables.imageSets).put(imageSetId, indexed(row, index, true));
        tables.writing(tables.indexedInstances)
                .keySet()
                .removeIf(key -> key.first().equals(imageSetId));
        index.instances()
                .forEach(instance -> tables.writing(tables.indexedInstances)
                        .put(new Pair<>(imageSetId, instance.sopInstanceUid()), instance));
    }

    /** Adds the index's instances, replacing those of the same SOP Instance UIDs; returns how many were not there. */
    int mergeIndex(String imageSetId, DicomWebIndex added) {
        ImageSetRow row = tables.imageSets.get(imageSetId);
        if (row == null) {
            requireImageSetFor(imageSetId, added);
            return 0;
        }
        tables.writing(tables.imageSets).put(imageSetId, indexed(row, added, row.dicomWebIndexed()));
        int fresh = 0;
        for (DicomWebIndex.Instance instance : added.instances()) {
            if (tables.writing(tables.indexedInstances).put(new Pair<>(imageSetId, instance.sopInstanceUid()), instance)
                    == null) {
                fresh++;
            }
        }
        return fresh;
    }

    /** An index of instances names an image set that must exist; an empty one changes nothing. */
    private void requireImageSetFor(String imageSetId, DicomWebIndex index) {
        if (!index.instances().isEmpty()) {
            tables.requireParent(tables.imageSets, imageSetId, "image set");
        }
    }

    List<QidoRow.Study> studies(QidoQuery query) {
        Map<String, List<ImageSetRow>> byStudy = new LinkedHashMap<>();
        matching(
                        query,
                        setsOf(query)
                                .filter(hit -> notEmpty(hit.set().identity().studyInstanceUid())))
                .forEach(hit -> byStudy.computeIfAbsent(
                                hit.set().identity().studyInstanceUid(), uid -> new ArrayList<>())
                        .add(hit.row()));
        return byStudy.entrySet().stream()
                .sorted(Comparator.comparing(
                                (Map.Entry<String, List<ImageSetRow>> study) -> lastUpdate(study.getValue()))
                        .reversed()
                        .thenComparing(Map.Entry::getKey))
                .skip(query.offset())
                .limit(query.limit())
                .map(study -> study(query.datastoreId(), study.getKey(), study.getValue()))
                .toList();
    }

    List<QidoRow.Series> series(QidoQuery query) {
        return matching(query, setsOf(query).filter(hit -> inStudy(query, hit)))
                .sorted(Comparator.comparing((Hit hit) -> hit.set().identity().studyInstanceUid(), nullsLast())
                        .thenComparing(hit -> hit.row().seriesNumber(), nullsLast())
                        .thenComparing(hit -> hit.set().identity().seriesInstanceUid(), nullsLast()))
                .skip(query.offset())
                .limit(query.limit())
                .map(hit -> new QidoRow.Series(
                        hit.set().identity().studyInstanceUid(),
                        hit.set().identity().seriesInstanceUid(),
                        hit.summary().seriesModality(),
                        hit.row().seriesDescription(),
                        hit.set().identity().seriesNumber(),
                        hit.summary().instanceCount()))
                .toList();
    }

    List<QidoRow.Instance> instances(QidoQuery query) {
        Stream<Hit> hits = setsOf(query)
                .filter(hit -> inStudy(query, hit))
                .flatMap(hit -> instancesOf(hit.set().id()).map(instance -> new Hit(hit.row(), instance)))
                .filter(hit -> query.seriesInstanceUid().isEmpty()
                        || query.seriesInstanceUid().get().equals(hit.instance().seriesInstanceUid()));
        Comparator<Hit> byNumber = Comparator.comparing(
                        (Hit hit) -> hit.instance().instanceNumber(), nullsLast())
                .thenComparing(hit -> hit.instance().sopInstanceUid(), nullsLast());
        // Within a study, instances of its series are interleaved by InstanceNumber, as QidoSql orders them.
        Comparator<Hit> order = query.studyInstanceUid().isPresent()
                ? byNumber
                : Comparator.comparing((Hit hit) -> hit.set().identity().studyInstanceUid(), nullsLast())
                        .thenComparing(hit -> hit.instance().seriesInstanceUid(), nullsLast())
                        .thenComparing(byNumber);
        return matching(query, hits)
                .sorted(order)
                .skip(query.offset())
                .limit(query.limit())
                .map(hit -> new QidoRow.Instance(
                        hit.set().identity().studyInstanceUid(),
                        hit.instance().seriesInstanceUid(),
                        hit.summary().seriesModality(),
                        hit.instance().sopInstanceUid(),
                        hit.instance().sopClassUid(),
                        hit.instance().instanceNumber(),
                        hit.instance().numberOfFrames(),
                        hit.instance().rows(),
                        hit.instance().columns()))
                .toList();
    }

    /** Instances of live image sets (primary or not) by SOP Instance UID, with their SOP Class UID ("" if none). */
    Map<String, String> heldInstances(String datastoreId, Collection<String> sopInstanceUids) {
        Set<String> wanted = Set.copyOf(sopInstanceUids);
        Map<String, String> held = new HashMap<>();
        tables.indexedInstances.forEach((key, instance) -> {
            ImageSetRow row = tables.imageSets.get(key.first());
            if (row != null
                    && wanted.contains(instance.sopInstanceUid())
                    && row.imageSet().datastoreId().equals(datastoreId)
                    && row.imageSet().state() != ImageSetState.DELETED) {
                held.put(instance.sopInstanceUid(), Objects.requireNonNullElse(instance.sopClassUid(), ""));
            }
        });
        return held;
    }

    private QidoRow.Study study(String datastoreId, String uid, List<ImageSetRow> rows) {
        List<Hit> hits = rows.stream().map(row -> new Hit(row, null)).toList();
        return new QidoRow.Study(
                uid,
                max(hits, hit -> hit.set().identity().studyDate()),
                max(hits, hit -> hit.summary().studyTime()),
                max(hits, hit -> hit.set().identity().accessionNumber()),
                modalities(datastoreId, uid),
                max(hits, hit -> hit.row().referringPhysicianName()),
                max(hits, hit -> hit.summary().patientName()),
                max(hits, hit -> hit.set().identity().patientId()),
                max(hits, hit -> hit.summary().patientBirthDate()),
                max(hits, hit -> hit.summary().patientSex()),
                max(hits, hit -> hit.set().identity().studyId()),
                max(hits, hit -> hit.summary().studyDescription()),
                hits.stream().mapToInt(hit -> hit.summary().seriesCount()).sum(),
                hits.stream().mapToInt(hit -> hit.summary().instanceCount()).sum());
    }

    /** The largest value the rows hold, as SQL's MAX: nulls ignored, null when all are. */
    private static String max(List<Hit> hits, Function<Hit, String> value) {
        return hits.stream()
                .map(value)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }

    private static Instant lastUpdate(List<ImageSetRow> rows) {
        return rows.stream()
                .map(row -> row.imageSet().updatedAt())
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    /** The distinct modalities of the study's live primary image sets, sorted. */
    private List<String> modalities(String datastoreId, String studyUid) {
        return livePrimary(datastoreId)
                .filter(hit -> studyUid.equals(hit.set().identity().studyInstanceUid()))
                .map(hit -> hit.summary().seriesModality())
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .toList();
    }

    private Stream<Hit> setsOf(QidoQuery query) {
        return livePrimary(query.datastoreId());
    }

    private Stream<Hit> livePrimary(String datastoreId) {
        return tables.imageSets.values().stream()
                .filter(row -> row.imageSet().datastoreId().equals(datastoreId)
                        && row.imageSet().primary()
                        && row.imageSet().state() != ImageSetState.DELETED)
                .map(row -> new Hit(row, null));
    }

    private Stream<DicomWebIndex.Instance> instancesOf(String imageSetId) {
        return tables.indexedInstances.entrySet().stream()
                .filter(entry -> entry.getKey().first().equals(imageSetId))
                .map(Map.Entry::getValue);
    }

    /** Whether the hit is in the query's study; every hit is when the query names none (a search across studies). */
    private static boolean inStudy(QidoQuery query, Hit hit) {
        return query.studyInstanceUid()
                .map(study -> study.equals(hit.set().identity().studyInstanceUid()))
                .orElse(true);
    }

    /** The hits every condition of the query holds for. */
    private Stream<Hit> matching(QidoQuery query, Stream<Hit> hits) {
        return hits.filter(hit -> query.matches().stream().allMatch(match -> holds(query.datastoreId(), match, hit)));
    }

    private boolean holds(String datastoreId, QidoQuery.Match match, Hit hit) {
        if (match.key() == QidoQuery.Key.MODALITIES_IN_STUDY) {
            // A study matches when any of its series does.
            String study = hit.set().identity().studyInstanceUid();
            return livePrimary(datastoreId)
                    .filter(other ->
                            Objects.equals(study, other.set().identity().studyInstanceUid()))
                    .anyMatch(other -> holds(match, other.summary().seriesModality()));
        }
        return holds(match, value(match.key(), hit));
    }

    private static boolean holds(QidoQuery.Match match, Object value) {
        if (value == null) {
            return false;
        }
        return switch (match) {
            case QidoQuery.AnyOf anyOf ->
                anyOf.values().stream()
                        .anyMatch(wanted ->
                                value instanceof Long number ? number == Long.parseLong(wanted) : value.equals(wanted));
            case QidoQuery.Like like ->
                wildcard(like.pattern())
                        .matcher(value.toString().toLowerCase(Locale.ROOT))
                        .matches();
            case QidoQuery.InRange range ->
                range.from().map(from -> value.toString().compareTo(from) >= 0).orElse(true)
                        && range.to()
                                .map(to -> value.toString().compareTo(to) <= 0)
                                .orElse(true);
        };
    }

    /** A DICOM wildcard pattern ({@code *} any run, {@code ?} one character) over lower-cased text. */
    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The value the key matches on; an instance's attribute only at the instance level. */
    private static Object value(QidoQuery.Key key, Hit hit) {
        return switch (key) {
            case PATIENT_ID -> hit.set().identity().patientId();
            case PATIENT_NAME -> hit.summary().patientName();
            case STUDY_INSTANCE_UID -> hit.set().identity().studyInstanceUid();
            case STUDY_DATE -> hit.set().identity().studyDate();
            case STUDY_TIME -> hit.summary().studyTime();
            case ACCESSION_NUMBER -> hit.set().identity().accessionNumber();
            case STUDY_ID -> hit.set().identity().studyId();
            case REFERRING_PHYSICIAN_NAME -> hit.row().referringPhysicianName();
            case MODALITY, MODALITIES_IN_STUDY -> hit.summary().seriesModality();
            case SERIES_INSTANCE_UID -> hit.set().identity().seriesInstanceUid();
            case SERIES_NUMBER -> hit.row().seriesNumber();
            case SOP_CLASS_UID -> instance(key, hit).sopClassUid();
            case SOP_INSTANCE_UID -> instance(key, hit).sopInstanceUid();
            case INSTANCE_NUMBER -> instance(key, hit).instanceNumber();
        };
    }

    private static DicomWebIndex.Instance instance(QidoQuery.Key key, Hit hit) {
        if (hit.instance() == null) {
            throw new IllegalArgumentException(key + " is matched only when searching instances");
        }
        return hit.instance();
    }

    private static <T extends Comparable<T>> Comparator<T> nullsLast() {
        return Comparator.nullsLast(Comparator.naturalOrder());
    }

    private static boolean notEmpty(String value) {
        return value != null && !value.isEmpty();
    }

    private static ImageSetRow indexed(ImageSetRow row, DicomWebIndex index, boolean dicomWebIndexed) {
        return new ImageSetRow(
                row.imageSet(),
                row.summary(),
                index.referringPhysicianName(),
                index.seriesDescription(),
                index.seriesNumber(),
                dicomWebIndexed);
    }
}
