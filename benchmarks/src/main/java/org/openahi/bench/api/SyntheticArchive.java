package org.openahi.bench.api;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.imageset.ImageSetSummary;
import org.openahi.core.imageset.ImageSetVersion;
import org.openahi.core.imageset.WorkflowStatus;
import org.openahi.core.metadata.StudyDateTime;

/**
 * The image sets of an invented archive, one series each, as an import and later edits would have left them:
 * patients with one to four studies between 2014 and October 2026, each study of one modality with that modality's
 * usual number of series and instances; imported within days of the study. 15 % of image sets were later updated
 * (one to four times, at any time since), 2 % of series also have a non-primary image set, and 1 % of image sets
 * were deleted. The same seed gives the same archive.
 */
final class SyntheticArchive {
    /** One image set: its row, its search summary and its versions. */
    record Seeded(ImageSet imageSet, ImageSetSummary summary, List<ImageSetVersion> versions) {}

    private record Modality(
            String code,
            int minSeries,
            int maxSeries,
            int minInstances,
            int maxInstances,
            List<String> bodyParts,
            List<String> descriptions) {}

    private record Patient(String id, String name, String birthDate, String sex) {}

    private static final List<Modality> MODALITIES = List.of(
            new Modality(
                    "CT",
                    2,
                    6,
                    40,
                    600,
                    List.of("CHEST", "ABDOMEN", "HEAD", "PELVIS"),
                    List.of("CT CHEST W CONTRAST", "CT ABDOMEN PELVIS", "CT HEAD WO CONTRAST")),
            new Modality(
                    "MR",
                    4,
                    10,
                    20,
                    200,
                    List.of("BRAIN", "KNEE", "SPINE", "PROSTATE"),
                    List.of("MRI BRAIN W WO CONTRAST", "MRI KNEE LEFT", "MRI LUMBAR SPINE")),
            new Modality("CR", 1, 2, 1, 2, List.of("CHEST", "HAND", "FOOT"), List.of("XR CHEST 2 VIEWS", "XR HAND")),
            new Modality(
                    "DX", 1, 3, 1, 3, List.of("CHEST", "KNEE", "SHOULDER"), List.of("XR KNEE 3 VIEWS", "XR SHOULDER")),
            new Modality("US", 1, 3, 10, 80, List.of("ABDOMEN", "THYROID", "BREAST"), List.of("US ABDOMEN COMPLETE")),
            new Modality("MG", 1, 2, 4, 8, List.of("BREAST"), List.of("MAMMO SCREENING BILATERAL")),
            new Modality("PT", 2, 4, 100, 400, List.of("WHOLEBODY"), List.of("PET CT WHOLE BODY")));
    private static final List<String> FAMILY_NAMES = List.of(
            "Smith",
            "Garcia",
            "Nguyen",
            "Kowalski",
            "Okafor",
            "Rossi",
            "Müller",
            "Tanaka",
            "Johansson",
            "Dubois",
            "Silva",
            "Kim",
            "Patel",
            "Cohen",
            "Novak",
            "Haddad");
    private static final List<String> GIVEN_NAMES = List.of(
            "Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Kenji", "Lea", "Mateo",
            "Nora", "Omar", "Priya");
    private static final LocalDate FIRST_STUDY = LocalDate.of(2014, 1, 1);
    private static final LocalDate LAST_STUDY = LocalDate.of(2026, 10, 31);
    private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final String datastoreId;
    private final Instant now;
    private final SplittableRandom random;
    private final Deque<Seeded> pending = new ArrayDeque<>();
    private long patients;

    SyntheticArchive(String datastoreId, Instant now, long seed) {
        this.datastoreId = datastoreId;
        this.now = now;
        this.random = new SplittableRandom(seed);
    }

    Seeded next() {
        while (pending.isEmpty()) {
            addPatient();
        }
        return pending.poll();
    }

    private void addPatient() {
        // Distinct 8-digit record numbers, not in creation order: 7919 is coprime with 10^8.
        String id = String.format("MRN%08d", (patients++ * 7919 + 10_000_019) % 100_000_000);
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(90 * 365));
        Patient patient = new Patient(
                id,
                pick(FAMILY_NAMES) + "^" + pick(GIVEN_NAMES),
                birth.format(DICOM_DATE),
                random.nextInt(100) < 49 ? "M" : random.nextInt(100) < 97 ? "F" : "O");
        int studies = random.nextBoolean() ? 1 : random.nextInt(2, 5);
        for (int i = 0; i < studies; i++) {
            addStudy(patient);
        }
    }

    private void addStudy(Patient patient) {
        Modality modality = pick(MODALITIES);
        LocalDate date = FIRST_STUDY.plusDays(random.nextLong(ChronoUnit.DAYS.between(FIRST_STUDY, LAST_STUDY) + 1));
        LocalTime time = LocalTime.of(7, 0).plusSeconds(random.nextInt(13 * 3600));
        String studyTime = String.format("%02d%02d%02d", time.getHour(), time.getMinute(), time.getSecond());
        Instant performed = date.atTime(time).toInstant(ZoneOffset.UTC);
        String studyUid = uid();
        String accession = String.format("A%09d", random.nextInt(1_000_000_000));
        String studyId = Integer.toString(random.nextInt(1, 10_000));
        String description = pick(modality.descriptions());
        int series = random.nextInt(modality.minSeries(), modality.maxSeries() + 1);
        for (int number = 1; number <= series; number++) {
            ImageSetIdentity identity = new ImageSetIdentity(
                    patient.id(),
                    studyUid,
                    date.format(DICOM_DATE),
                    accession,
                    studyId,
                    uid(),
                    Integer.toString(number));
            ImageSetSummary summary = new ImageSetSummary(
                    patient.name(),
                    patient.birthDate(),
                    patient.sex(),
                    description,
                    studyTime,
                    StudyDateTime.key(date.format(DICOM_DATE), studyTime),
                    modality.code(),
                    pick(modality.bodyParts()),
                    1,
                    random.nextInt(modality.minInstances(), modality.maxInstances() + 1));
            Instant imported = performed.plus(Duration.ofMinutes(random.nextLong(10, 5 * 24 * 60)));
            pending.add(imageSet(identity, summary, true, imported));
            if (random.nextInt(100) < 2) {
                pending.add(
                        imageSet(identity, summary, false, imported.plus(Duration.ofMinutes(random.nextLong(1, 600)))));
            }
        }
    }

    private Seeded imageSet(ImageSetIdentity identity, ImageSetSummary summary, boolean primary, Instant created) {
        String id = String.format("%016x%016x", random.nextLong(), random.nextLong());
        List<ImageSetVersion> versions = new ArrayList<>();
        versions.add(version(id, 1, ImageSetState.ACTIVE, WorkflowStatus.CREATED, created, created, primary));
        Instant updated = created;
        if (random.nextInt(100) < 15) {
            int updates = random.nextInt(1, 5);
            for (int i = 0; i < updates; i++) {
                updated = later(updated);
                versions.add(version(
                        id,
                        versions.size() + 1,
                        ImageSetState.ACTIVE,
                        WorkflowStatus.UPDATED,
                        created,
                        updated,
                        primary));
            }
        }
        if (random.nextInt(100) < 1) {
            updated = later(updated);
            versions.add(new ImageSetVersion(
                    id,
                    versions.size() + 1,
                    ImageSetState.DELETED,
                    WorkflowStatus.DELETED,
                    created,
                    updated,
                    Optional.of(updated),
                    Optional.empty(),
                    false,
                    primary,
                    Optional.empty()));
        }
        ImageSetVersion latest = versions.get(versions.size() - 1);
        return new Seeded(
                new ImageSet(
                        id,
                        datastoreId,
                        created,
                        updated,
                        latest.version(),
                        latest.state(),
                        latest.workflowStatus(),
                        primary,
                        identity),
                summary,
                versions);
    }

    private static ImageSetVersion version(
            String imageSetId,
            int number,
            ImageSetState state,
            WorkflowStatus status,
            Instant created,
            Instant updated,
            boolean primary) {
        return new ImageSetVersion(
                imageSetId,
                number,
                state,
                status,
                created,
                updated,
                Optional.empty(),
                Optional.empty(),
                false,
                primary,
                Optional.empty());
    }

    /** A time after {@code time}, not after now. */
    private Instant later(Instant time) {
        long span = Duration.between(time, now).toSeconds();
        return span < 1 ? now : time.plusSeconds(random.nextLong(1, span + 1));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String uid() {
        byte[] bytes = ByteBuffer.allocate(16)
                .putLong(random.nextLong())
                .putLong(random.nextLong())
                .array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
