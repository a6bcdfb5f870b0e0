package org.openahi.dimse.scp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.openahi.core.dicomweb.QidoDatasets;
import org.openahi.core.dicomweb.QidoMatching;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoRow;
import org.openahi.core.store.MetadataStore;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.Association;
import org.openahi.dimse.ul.Message;

/**
 * The C-FIND SCP of the Patient Root and Study Root Query/Retrieve information models (PS3.4 C.4.1), answered from the
 * index QIDO-RS searches (live primary image sets) with its matching rules ({@link QidoMatching}): the required keys of
 * every level are matched (Study Time too, which QIDO-RS does not take), other keys with a value are returned but not
 * matched, and the matches then come with the pending status FF01 (optional keys not supported). Every key asked for is
 * returned, empty when the index does not hold it, with the unique keys of the levels above and the Retrieve AE Title.
 * The PATIENT level gathers the studies of each Patient ID. Matches are read a page at a time, so a C-CANCEL stops the
 * search where it is.
 */
final class FindScp {
    private static final int PAGE = 200;
    private static final int PENDING_OPTIONAL_KEYS_NOT_SUPPORTED = 0xFF01;
    private static final Set<Integer> PATIENT_KEYS = Set.of(Tag.PatientName, Tag.PatientID);
    private static final Set<Integer> STUDY_KEYS = Set.of(
            Tag.StudyDate,
            Tag.AccessionNumber,
            Tag.ModalitiesInStudy,
            Tag.ReferringPhysicianName,
            Tag.PatientName,
            Tag.PatientID,
            Tag.StudyInstanceUID,
            Tag.StudyID);
    private static final Set<Integer> SERIES_KEYS = Set.of(Tag.Modality, Tag.SeriesInstanceUID, Tag.SeriesNumber);
    private static final Set<Integer> IMAGE_KEYS = Set.of(Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.InstanceNumber);
    /** Keys that say how to answer rather than what to match. */
    private static final Set<Integer> NOT_MATCHED = Set.of(
            Tag.QueryRetrieveLevel,
            Tag.SpecificCharacterSet,
            Tag.RetrieveAETitle,
            Tag.InstanceAvailability,
            Tag.TimezoneOffsetFromUTC);

    private final MetadataStore store;

    FindScp(MetadataStore store) {
        this.store = store;
    }

    void find(String datastoreId, Association association, Message request) throws IOException {
        Identifier identifier;
        Search search;
        try {
            identifier = Identifier.read(request);
            search = search(datastoreId, identifier);
        } catch (Identifier.Refused refused) {
            association.respond(request, refused.status, refused.getMessage());
            return;
        } catch (InvalidRequest invalid) {
            association.respond(request, Status.CANNOT_UNDERSTAND, invalid.getMessage());
            return;
        }
        TransferSyntax syntax = TransferSyntax.of(request.context().transferSyntax());
        int pending = search.unsupportedKeys() ? PENDING_OPTIONAL_KEYS_NOT_SUPPORTED : Status.PENDING;
        for (Iterator<Dataset> matches = search.matches(); matches.hasNext(); ) {
            if (association.cancelled(request)) {
                association.respond(request, Status.CANCEL, null);
                return;
            }
            Dataset response = response(identifier, matches.next(), association.calledAeTitle());
            association.respond(
                    request,
                    Association.responseTo(request, pending),
                    out -> DicomWriter.writeDataset(out, response, syntax));
        }
        association.respond(request, Status.SUCCESS, null);
    }

    /** What to search, and whether keys with values were left unmatched. */
    private record Search(Iterator<Dataset> iterator, boolean unsupportedKeys) {
        Iterator<Dataset> matches() {
            return iterator;
        }
    }

    private Search search(String datastoreId, Identifier identifier) throws Identifier.Refused {
        List<QidoQuery.Match> matches = new ArrayList<>();
        boolean unsupported = false;
        Set<Integer> levelKeys = switch (identifier.level()) {
            case PATIENT -> PATIENT_KEYS;
            case STUDY -> STUDY_KEYS;
            case SERIES -> SERIES_KEYS;
            case IMAGE -> IMAGE_KEYS;
        };
        for (Element key : identifier.keys()) {
            int tag = key.tag();
            if (NOT_MATCHED.contains(tag) || isUniqueKeyAbove(identifier, tag)) {
                continue;
            }
            if (key.isSequence()) {
                unsupported |= key.items().stream().anyMatch(item -> !item.isEmpty() && hasValue(item));
                continue;
            }
            Optional<String> value = identifier.value(tag);
            if (value.isEmpty() || value.get().equals("*")) {
                continue;
            }
            if (levelKeys.contains(tag)) {
                QidoMatching.condition(tag, value.get()).ifPresent(matches::add);
            } else if (tag == Tag.StudyTime && identifier.level() == Identifier.Level.STUDY) {
                matches.add(StudyTimes.range(value.get()));
            } else {
                unsupported = true;
            }
        }
        Iterator<Dataset> found = switch (identifier.level()) {
            case PATIENT -> patients(datastoreId, matches);
            case STUDY -> {
                if (identifier.patientRoot()) {
                    matches.add(new QidoQuery.AnyOf(
                            QidoQuery.Key.PATIENT_ID, List.of(identifier.single(Tag.PatientID, "Patient ID"))));
                }
                yield pages(
                        offset -> store.read(tx -> tx.imageSets()
                                .searchStudies(new QidoQuery(
                                        datastoreId, Optional.empty(), Optional.empty(), matches, offset, PAGE))),
                        QidoDatasets::study);
            }
            case SERIES -> {
                Optional<Dataset> study = study(datastoreId, identifier);
                yield study.isEmpty()
                        ? List.<Dataset>of().iterator()
                        : pages(
                                offset -> store.read(tx -> tx.imageSets()
                                        .searchSeries(new QidoQuery(
                                                datastoreId,
                                                Optional.of(study.get().getString(Tag.StudyInstanceUID)),
                                                Optional.empty(),
                                                matches,
                                                offset,
                                                PAGE))),
                                series -> merged(QidoDatasets.series(series), study.get()));
            }
            case IMAGE -> {
                Optional<Dataset> study = study(datastoreId, identifier);
                String seriesUid = identifier.single(Tag.SeriesInstanceUID, "Series Instance UID");
                Optional<Dataset> series = study.flatMap(parent -> store
                        .read(tx -> tx.imageSets()
                                .searchSeries(new QidoQuery(
                                        datastoreId,
                                        Optional.of(parent.getString(Tag.StudyInstanceUID)),
                                        Optional.empty(),
                                        List.of(new QidoQuery.AnyOf(
                                                QidoQuery.Key.SERIES_INSTANCE_UID, List.of(seriesUid))),
                                        0,
                                        1)))
                        .stream()
                        .findFirst()
                        .map(row -> merged(QidoDatasets.series(row), parent)));
                yield series.isEmpty()
                        ? List.<Dataset>of().iterator()
                        : pages(
                                offset -> store.read(tx -> tx.imageSets()
                                        .searchInstances(new QidoQuery(
                                                datastoreId,
                                                Optional.of(series.get().getString(Tag.StudyInstanceUID)),
                                                Optional.of(seriesUid),
                                                matches,
                                                offset,
                                                PAGE))),
                                row -> merged(QidoDatasets.instance(row), series.get()));
            }
        };
        return new Search(found, unsupported);
    }

    /** The study the unique keys above name (and, in the Patient Root model, of the patient named), if it exists. */
    private Optional<Dataset> study(String datastoreId, Identifier identifier) throws Identifier.Refused {
        String studyUid = identifier.single(Tag.StudyInstanceUID, "Study Instance UID");
        List<QidoQuery.Match> matches =
                new ArrayList<>(List.of(new QidoQuery.AnyOf(QidoQuery.Key.STUDY_INSTANCE_UID, List.of(studyUid))));
        if (identifier.patientRoot()) {
            matches.add(new QidoQuery.AnyOf(
                    QidoQuery.Key.PATIENT_ID, List.of(identifier.single(Tag.PatientID, "Patient ID"))));
        }
        return store
                .read(tx -> tx.imageSets()
                        .searchStudies(new QidoQuery(datastoreId, Optional.empty(), Optional.empty(), matches, 0, 1)))
                .stream()
                .findFirst()
                .map(QidoDatasets::study);
    }

    /** The PATIENT level: the studies found, gathered by Patient ID, with their counts. */
    private Iterator<Dataset> patients(String datastoreId, List<QidoQuery.Match> matches) {
        Map<String, Dataset> patients = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Iterator<QidoRow.Study> studies = pages(
                        offset -> store.read(tx -> tx.imageSets()
                                .searchStudies(new QidoQuery(
                                        datastoreId, Optional.empty(), Optional.empty(), matches, offset, PAGE))),
                        Function.identity());
                studies.hasNext(); ) {
            QidoRow.Study study = studies.next();
            String patientId = study.patientId() == null ? "" : study.patientId();
            patients.computeIfAbsent(patientId, id -> {
                Dataset patient = new Dataset();
                Dataset all = QidoDatasets.study(study);
                for (int tag : List.of(
                        Tag.SpecificCharacterSet,
                        Tag.PatientName,
                        Tag.PatientID,
                        Tag.PatientBirthDate,
                        Tag.PatientSex)) {
                    patient.put(all.get(tag));
                }
                return patient;
            });
            int[] count = counts.computeIfAbsent(patientId, id -> new int[3]);
            count[0]++;
            count[1] += study.seriesCount();
            count[2] += study.instanceCount();
        }
        patients.forEach((id, patient) -> {
            int[] count = counts.get(id);
            patient.putStrings(Tag.NumberOfPatientRelatedStudies, VR.IS, Integer.toString(count[0]));
            patient.putStrings(Tag.NumberOfPatientRelatedSeries, VR.IS, Integer.toString(count[1]));
            patient.putStrings(Tag.NumberOfPatientRelatedInstances, VR.IS, Integer.toString(count[2]));
        });
        return patients.values().iterator();
    }

    /** The response identifier: every key asked for (empty when unknown), the unique keys, the Retrieve AE Title. */
    private static Dataset response(Identifier identifier, Dataset known, String retrieveAeTitle) {
        Dataset response = new Dataset();
        response.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        for (Element key : identifier.keys()) {
            int tag = key.tag();
            if (tag == Tag.SpecificCharacterSet) {
                continue;
            }
            Element value = known.get(tag);
            if (value != null) {
                response.put(value);
            } else if (key.isSequence()) {
                response.putSequence(tag);
            } else {
                response.put(Element.of(tag, key.vr(), new byte[0]));
            }
        }
        List<Integer> uniqueKeys = new ArrayList<>();
        if (identifier.patientRoot()) {
            uniqueKeys.add(Tag.PatientID);
        }
        switch (identifier.level()) {
            case IMAGE -> uniqueKeys.addAll(List.of(Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID));
            case SERIES -> uniqueKeys.addAll(List.of(Tag.StudyInstanceUID, Tag.SeriesInstanceUID));
            case STUDY -> uniqueKeys.add(Tag.StudyInstanceUID);
            case PATIENT -> {}
        }
        for (int tag : uniqueKeys) {
            Element value = known.get(tag);
            if (value != null) {
                response.put(value);
            }
        }
        response.putStrings(Tag.QueryRetrieveLevel, VR.CS, identifier.level().name());
        response.putStrings(Tag.RetrieveAETitle, VR.AE, retrieveAeTitle);
        return response;
    }

    /** A lower level's data set with the attributes of the levels above it that it lacks. */
    private static Dataset merged(Dataset lower, Dataset upper) {
        for (Element element : upper) {
            if (!lower.contains(element.tag())) {
                lower.put(element);
            }
        }
        return lower;
    }

    private static boolean isUniqueKeyAbove(Identifier identifier, int tag) {
        return switch (identifier.level()) {
            case PATIENT -> false;
            case STUDY -> identifier.patientRoot() && tag == Tag.PatientID;
            case SERIES -> tag == Tag.StudyInstanceUID || identifier.patientRoot() && tag == Tag.PatientID;
            case IMAGE ->
                tag == Tag.StudyInstanceUID
                        || tag == Tag.SeriesInstanceUID
                        || identifier.patientRoot() && tag == Tag.PatientID;
        };
    }

    private static boolean hasValue(Dataset item) {
        for (Element element : item) {
            if (!element.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Rows read a page at a time, as they are consumed. */
    private static <R, T> Iterator<T> pages(Function<Integer, List<R>> page, Function<R, T> map) {
        return new Iterator<>() {
            private List<R> rows = List.of();
            private int index;
            private int offset;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (index < rows.size()) {
                    return true;
                }
                if (exhausted) {
                    return false;
                }
                rows = page.apply(offset);
                index = 0;
                offset += rows.size();
                exhausted = rows.size() < PAGE;
                return !rows.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return map.apply(rows.get(index++));
            }
        };
    }
}
