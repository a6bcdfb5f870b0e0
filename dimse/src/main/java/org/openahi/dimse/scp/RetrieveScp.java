package org.openahi.dimse.scp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.dicomweb.StoredInstances;
import org.openahi.core.error.OpenAhiException;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoRow;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.core.store.MetadataStore;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.dimse.message.Command;
import org.openahi.dimse.message.Requests;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.AcceptedContext;
import org.openahi.dimse.ul.Association;
import org.openahi.dimse.ul.AssociationSettings;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.dimse.ul.Message;
import org.openahi.dimse.ul.MessageHandler;
import org.openahi.dimse.ul.PresentationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The C-MOVE and C-GET SCP of the Patient Root and Study Root models (PS3.4 C.4.2, C.4.3). The identifier's unique
 * keys name the instances (a list of UIDs at the level asked for); each is rebuilt from its metadata and frames
 * ({@link StoredInstances}) and sent by a C-STORE sub-operation: for C-MOVE on an association openahi opens to the
 * destination AE (OPENAHI_DIMSE_DESTINATIONS), for C-GET on the requester's own association, on the contexts it
 * accepted with the SCP role. Frames go as stored when a context takes the stored transfer syntax, else decoded to a
 * native syntax the context takes (bit-exact: HTJ2K is stored losslessly). A pending response with the counts
 * follows each sub-operation; a C-CANCEL stops before the next one (FE00); the final response comes once every
 * sub-operation has been answered: 0000 when all succeeded, B000 with the Failed SOP Instance UID List otherwise.
 */
final class RetrieveScp {
    private static final Logger LOG = LoggerFactory.getLogger(RetrieveScp.class);
    private static final List<String> NATIVE_ORDER =
            List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2", "1.2.840.10008.1.2.1.99");
    private static final int MAX_CONTEXTS = 128;
    private static final int PAGE = 500;

    private final MetadataStore store;
    private final DicomWebReads reads;
    private final StoredInstances instances;
    private final Map<String, InetSocketAddress> destinations;
    private final AssociationSettings settings;
    private final DimseObserver observer;

    RetrieveScp(
            MetadataStore store,
            DicomWebReads reads,
            StoredInstances instances,
            Map<String, InetSocketAddress> destinations,
            AssociationSettings settings,
            DimseObserver observer) {
        this.store = store;
        this.reads = reads;
        this.instances = instances;
        this.destinations = Map.copyOf(destinations);
        this.settings = settings;
        this.observer = observer;
    }

    /** An instance to send: the series view holding it, its UIDs and how its frames are stored. */
    private record Target(
            DicomWebReads.SeriesView series, String sopInstanceUid, String sopClassUid, StoredFrames frames) {}

    /** The instances named, and the UIDs asked for that name none (each a failed sub-operation). */
    private record Targets(List<Target> found, List<String> missing) {}

    void move(String datastoreId, Association association, Message request) throws IOException {
        Targets targets;
        try {
            targets = targets(datastoreId, Identifier.read(request));
        } catch (Identifier.Refused refused) {
            association.respond(request, refused.status, refused.getMessage());
            return;
        }
        String destination = request.command().getString(Command.MoveDestination);
        InetSocketAddress address = destination == null ? null : destinations.get(destination);
        if (address == null) {
            association.respond(
                    request, Status.MOVE_DESTINATION_UNKNOWN, "move destination " + destination + " is not configured");
            return;
        }
        Progress progress = new Progress(targets);
        if (targets.found().isEmpty()) {
            progress.respond(association, request, false);
            return;
        }
        Association destinationAssociation;
        try {
            destinationAssociation = Association.open(
                    address,
                    Association.proposal(
                            association.calledAeTitle(), destination, proposal(targets.found()), List.of(), settings),
                    settings,
                    MessageHandler.NONE,
                    observer);
        } catch (IOException e) {
            LOG.warn(
                    "Association {}: C-MOVE to {} at {} failed: {}",
                    association.id(),
                    destination,
                    address,
                    e.toString());
            targets.found().forEach(target -> progress.failed.add(target.sopInstanceUid()));
            association.respond(
                    request,
                    progress.command(request, Status.OUT_OF_RESOURCES_SUBOPERATIONS, false),
                    progress.failedList(request));
            return;
        }
        try {
            run(association, request, destinationAssociation, progress, false);
        } finally {
            releaseQuietly(destinationAssociation);
        }
    }

    void get(String datastoreId, Association association, Message request) throws IOException {
        Targets targets;
        try {
            targets = targets(datastoreId, Identifier.read(request));
        } catch (Identifier.Refused refused) {
            association.respond(request, refused.status, refused.getMessage());
            return;
        }
        run(association, request, association, new Progress(targets), true);
    }

    /** Sends each instance on {@code channel}, answering the request with pending responses, then the final one. */
    private void run(
            Association association, Message request, Association channel, Progress progress, boolean requestorIsScp)
            throws IOException {
        String originator = requestorIsScp ? null : association.callingAeTitle();
        for (Target target : progress.targets.found()) {
            if (association.cancelled(request)) {
                progress.respond(association, request, true);
                return;
            }
            int status = store(channel, target, requestorIsScp, originator, request.messageId());
            progress.record(target.sopInstanceUid(), status);
            if (progress.remaining() > 0) {
                association.respond(request, progress.command(request, Status.PENDING, false), null);
            }
        }
        progress.respond(association, request, false);
    }

    /** One C-STORE sub-operation; its status, or a failure status when it could not be sent. */
    private int store(
            Association channel, Target target, boolean requestorIsScp, String originator, int originatorMessageId) {
        Optional<AcceptedContext> context = context(channel, target, requestorIsScp);
        if (context.isEmpty()) {
            LOG.warn(
                    "Association {}: no accepted context sends {} ({} stored as {})",
                    channel.id(),
                    target.sopInstanceUid(),
                    target.sopClassUid(),
                    target.frames().transferSyntaxUid());
            return Status.SOP_CLASS_NOT_SUPPORTED;
        }
        String syntax = context.get().transferSyntax();
        try {
            StoredInstances.Rebuilt instance = instances.rebuild(target.series(), target.sopInstanceUid(), syntax);
            Message response = channel.invoke(
                            context.get(),
                            Requests.store(
                                    target.sopClassUid(), target.sopInstanceUid(), originator, originatorMessageId),
                            out -> DicomWriter.writeDataset(out, instance.dataset(), TransferSyntax.of(syntax)),
                            pending -> {})
                    .get();
            return response.status();
        } catch (IOException | OpenAhiException e) {
            LOG.warn("Association {}: C-STORE of {} failed: {}", channel.id(), target.sopInstanceUid(), e.toString());
            return Status.PROCESSING_FAILURE;
        } catch (ExecutionException e) {
            LOG.warn("Association {}: C-STORE of {} failed: {}", channel.id(), target.sopInstanceUid(), e.getCause());
            return Status.PROCESSING_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.PROCESSING_FAILURE;
        }
    }

    /**
     * The context to send an instance on: one of its SOP class in the stored syntax, else in a native syntax when the
     * frames can be decoded (or there are none). For C-GET only contexts whose SOP class the requestor is SCP of.
     */
    private static Optional<AcceptedContext> context(Association channel, Target target, boolean requestorIsScp) {
        if (requestorIsScp && !channel.requestorIsScp(target.sopClassUid())) {
            return Optional.empty();
        }
        List<AcceptedContext> candidates = channel.contextsFor(target.sopClassUid());
        String stored = target.frames().transferSyntaxUid();
        Optional<AcceptedContext> asStored = candidates.stream()
                .filter(context -> context.transferSyntax().equals(stored))
                .findFirst();
        if (asStored.isPresent()
                && TransferSyntax.of(stored) != null
                && !TransferSyntax.of(stored).bigEndian()) {
            return asStored;
        }
        if (!target.frames().frameIds().isEmpty() && !FrameReader.nativeAvailable(stored)) {
            return Optional.empty();
        }
        for (String syntax : NATIVE_ORDER) {
            Optional<AcceptedContext> decoded = candidates.stream()
                    .filter(context -> context.transferSyntax().equals(syntax))
                    .findFirst();
            if (decoded.isPresent()) {
                return decoded;
            }
        }
        return Optional.empty();
    }

    /**
     * The contexts a C-MOVE destination is offered: each SOP class in each stored syntax, and in the native syntaxes
     * where the frames can be decoded.
     */
    private static List<PresentationContext.Proposed> proposal(List<Target> targets) {
        Map<String, List<String>> contexts = new LinkedHashMap<>();
        for (Target target : targets) {
            String sopClass = target.sopClassUid();
            String stored = target.frames().transferSyntaxUid();
            boolean noPixels = target.frames().frameIds().isEmpty();
            if (TransferSyntaxTable.find(stored)
                            .filter(SyntaxRule::nativePixels)
                            .isEmpty()
                    && !noPixels) {
                contexts.putIfAbsent(sopClass + "|" + stored, List.of(stored));
            }
            if (noPixels || FrameReader.nativeAvailable(stored)) {
                contexts.putIfAbsent(sopClass + "|native", NATIVE_ORDER.subList(0, 2));
            }
        }
        List<PresentationContext.Proposed> proposed = new ArrayList<>();
        for (Map.Entry<String, List<String>> context : contexts.entrySet()) {
            if (proposed.size() == MAX_CONTEXTS) {
                break;
            }
            String sopClass = context.getKey().substring(0, context.getKey().indexOf('|'));
            proposed.add(new PresentationContext.Proposed(2 * proposed.size() + 1, sopClass, context.getValue()));
        }
        return proposed;
    }

    /** The instances the identifier's unique keys name, series by series in document order. */
    private Targets targets(String datastoreId, Identifier identifier) throws Identifier.Refused {
        List<DicomWebReads.SeriesView> views = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> sopInstances = List.of();
        try {
            switch (identifier.level()) {
                case PATIENT -> {
                    for (String study : studiesOf(datastoreId, required(identifier, Tag.PatientID, "Patient ID"))) {
                        views.addAll(studyOrNone(datastoreId, study));
                    }
                }
                case STUDY -> {
                    for (String study : required(identifier, Tag.StudyInstanceUID, "Study Instance UID")) {
                        views.addAll(studyOrNone(datastoreId, study));
                    }
                }
                case SERIES -> {
                    String study = identifier.single(Tag.StudyInstanceUID, "Study Instance UID");
                    for (String series : required(identifier, Tag.SeriesInstanceUID, "Series Instance UID")) {
                        seriesOrNone(datastoreId, study, series).ifPresent(views::add);
                    }
                }
                case IMAGE -> {
                    String study = identifier.single(Tag.StudyInstanceUID, "Study Instance UID");
                    String series = identifier.single(Tag.SeriesInstanceUID, "Series Instance UID");
                    sopInstances = required(identifier, Tag.SOPInstanceUID, "SOP Instance UID");
                    seriesOrNone(datastoreId, study, series).ifPresent(views::add);
                    List<String> held =
                            views.isEmpty() ? List.of() : views.get(0).instanceUids();
                    sopInstances.stream().filter(uid -> !held.contains(uid)).forEach(missing::add);
                }
            }
        } catch (IOException e) {
            throw new Identifier.Refused(Status.CANNOT_UNDERSTAND, "the image sets cannot be read: " + e.getMessage());
        }
        List<Target> found = new ArrayList<>();
        for (DicomWebReads.SeriesView view : views) {
            for (String uid : view.instanceUids()) {
                if (sopInstances.isEmpty() || sopInstances.contains(uid)) {
                    found.add(new Target(view, uid, view.sopClassUid(uid), view.frames(uid)));
                }
            }
        }
        return new Targets(found, missing);
    }

    private static List<String> required(Identifier identifier, int tag, String keyword) throws Identifier.Refused {
        List<String> values = identifier.list(tag);
        if (values.isEmpty()) {
            throw new Identifier.Refused(
                    Status.DOES_NOT_MATCH_SOP_CLASS, identifier.level() + " level needs " + keyword + " values");
        }
        return values;
    }

    private List<String> studiesOf(String datastoreId, List<String> patientIds) {
        List<String> studies = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            int from = offset;
            List<QidoRow.Study> page = store.read(tx -> tx.imageSets()
                    .searchStudies(new QidoQuery(
                            datastoreId,
                            Optional.empty(),
                            Optional.empty(),
                            List.of(new QidoQuery.AnyOf(QidoQuery.Key.PATIENT_ID, patientIds)),
                            from,
                            PAGE)));
            page.forEach(study -> studies.add(study.studyInstanceUid()));
            if (page.size() < PAGE) {
                return studies;
            }
        }
    }

    private List<DicomWebReads.SeriesView> studyOrNone(String datastoreId, String study) throws IOException {
        try {
            return reads.study(datastoreId, study);
        } catch (org.openahi.core.error.NotFound notFound) {
            return List.of();
        }
    }

    private Optional<DicomWebReads.SeriesView> seriesOrNone(String datastoreId, String study, String series)
            throws IOException {
        try {
            return Optional.of(reads.series(datastoreId, study, series, Optional.empty()));
        } catch (org.openahi.core.error.NotFound notFound) {
            return Optional.empty();
        }
    }

    private static void releaseQuietly(Association association) {
        try {
            association.release();
        } catch (IOException e) {
            LOG.debug("Association {}: release failed: {}", association.id(), e.toString());
        }
    }

    /** Sub-operation counts and failed instances, and the responses that report them. */
    private static final class Progress {
        final Targets targets;
        final List<String> failed = new ArrayList<>();
        int completed;
        int warnings;

        Progress(Targets targets) {
            this.targets = targets;
            failed.addAll(targets.missing());
        }

        void record(String sopInstanceUid, int status) {
            if (status == Status.SUCCESS) {
                completed++;
            } else if ((status & 0xF000) == 0xB000) {
                warnings++;
            } else {
                failed.add(sopInstanceUid);
            }
        }

        int remaining() {
            return targets.found().size() + targets.missing().size() - completed - warnings - failed.size();
        }

        /** A response command with the counts; remaining ones only while pending or when cancelled. */
        Dataset command(Message request, int status, boolean cancelled) {
            Dataset command = Association.responseTo(request, status);
            if (Status.isPending(status) || cancelled) {
                command.putLongs(Command.NumberOfRemainingSuboperations, VR.US, remaining());
            }
            command.putLongs(Command.NumberOfCompletedSuboperations, VR.US, completed);
            command.putLongs(Command.NumberOfFailedSuboperations, VR.US, failed.size());
            command.putLongs(Command.NumberOfWarningSuboperations, VR.US, warnings);
            return command;
        }

        /** The final response: FE00 when cancelled, B000 after failures or warnings, else 0000. */
        void respond(Association association, Message request, boolean cancelled) throws IOException {
            int status = cancelled
                    ? Status.CANCEL
                    : failed.isEmpty() && warnings == 0 ? Status.SUCCESS : Status.SUBOPERATIONS_WARNING;
            association.respond(request, command(request, status, cancelled), failedList(request));
        }

        /** The identifier listing the failed instances, or null when none failed. */
        Association.DataWriter failedList(Message request) {
            if (failed.isEmpty()) {
                return null;
            }
            Dataset identifier = new Dataset();
            identifier.putStrings(Tag.FailedSOPInstanceUIDList, VR.UI, failed.toArray(String[]::new));
            TransferSyntax syntax = TransferSyntax.of(request.context().transferSyntax());
            return out -> DicomWriter.writeDataset(out, identifier, syntax);
        }
    }
}
