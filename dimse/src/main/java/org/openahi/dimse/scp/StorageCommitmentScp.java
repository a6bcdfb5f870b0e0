package org.openahi.dimse.scp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openahi.core.store.MetadataStore;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.dicom.io.ReadOptions;
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
import org.openahi.dimse.ul.ReceivedData;
import org.openahi.dimse.ul.UserInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Storage Commitment Push Model SCP (PS3.4 Annex J). An N-ACTION (action type 1) names a transaction and the
 * instances to commit; it is answered at once, then each instance is looked up among the data store's live image sets
 * (what a C-STORE answered with success is durable there) and the result goes out as an N-EVENT-REPORT (event type 1
 * when all are committed, 2 with a Failed SOP Sequence: 0112 no such instance, 0119 stored under another SOP class).
 * The report goes on the requester's association while it is open; when the requester has released it, releases it
 * before answering or answers with a failure status, on a new association to the requester's AE title from
 * OPENAHI_DIMSE_DESTINATIONS, on which openahi proposes the Storage Commitment SOP class in the SCP role.
 */
final class StorageCommitmentScp {
    private static final Logger LOG = LoggerFactory.getLogger(StorageCommitmentScp.class);
    private static final int REQUEST_STORAGE_COMMITMENT = 1;
    private static final int ALL_COMMITTED = 1;
    private static final int FAILURES = 2;
    private static final ReadOptions LIMITS = ReadOptions.defaults().withMaxMemory(64L << 20);
    private static final List<String> SYNTAXES = List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2");

    private final MetadataStore store;
    private final Map<String, InetSocketAddress> destinations;
    private final AssociationSettings settings;
    private final DimseObserver observer;

    StorageCommitmentScp(
            MetadataStore store,
            Map<String, InetSocketAddress> destinations,
            AssociationSettings settings,
            DimseObserver observer) {
        this.store = store;
        this.destinations = Map.copyOf(destinations);
        this.settings = settings;
        this.observer = observer;
    }

    void action(String datastoreId, Association association, Message request) throws IOException {
        Dataset command = request.command();
        if (!ServiceClasses.STORAGE_COMMITMENT_PUSH_INSTANCE.equals(
                command.getString(Command.RequestedSOPInstanceUID))) {
            association.respond(
                    request,
                    Status.NO_SUCH_SOP_INSTANCE,
                    "Storage Commitment has one SOP Instance, " + ServiceClasses.STORAGE_COMMITMENT_PUSH_INSTANCE);
            return;
        }
        if (command.getInt(Command.ActionTypeID, -1) != REQUEST_STORAGE_COMMITMENT) {
            association.respond(request, Status.NO_SUCH_ACTION_TYPE, "action type 1 requests storage commitment");
            return;
        }
        Dataset information;
        try {
            information = information(request);
        } catch (IllegalArgumentException e) {
            association.respond(request, Status.INVALID_ARGUMENT_VALUE, e.getMessage());
            return;
        }
        Dataset response = Association.responseTo(request, Status.SUCCESS);
        response.putLongs(Command.ActionTypeID, VR.US, REQUEST_STORAGE_COMMITMENT);
        association.respond(request, response, null);
        Dataset report = report(datastoreId, association.calledAeTitle(), information);
        int eventType = report.contains(Tag.FailedSOPSequence) ? FAILURES : ALL_COMMITTED;
        if (!reportOn(association, request.context(), report, eventType)) {
            reportOnNewAssociation(association, report, eventType);
        }
    }

    /** The Action Information: a Transaction UID and a Referenced SOP Sequence of class and instance UIDs. */
    private static Dataset information(Message request) {
        if (!(request.data() instanceof ReceivedData.InMemory data)) {
            throw new IllegalArgumentException("N-ACTION without its Transaction UID and Referenced SOP Sequence");
        }
        Dataset information;
        try {
            information = DicomReader.readDataset(
                    new ByteArrayInputStream(data.bytes()), request.context().transferSyntax(), LIMITS);
        } catch (DicomParseException e) {
            throw new IllegalArgumentException("unreadable action information: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable action information: " + e);
        }
        if (information.getString(Tag.TransactionUID) == null) {
            throw new IllegalArgumentException("no Transaction UID");
        }
        if (!information.contains(Tag.ReferencedSOPSequence)
                || !information.get(Tag.ReferencedSOPSequence).isSequence()
                || information.get(Tag.ReferencedSOPSequence).items().isEmpty()) {
            throw new IllegalArgumentException("no Referenced SOP Sequence items");
        }
        for (Dataset item : information.get(Tag.ReferencedSOPSequence).items()) {
            if (item.getString(Tag.ReferencedSOPClassUID) == null
                    || item.getString(Tag.ReferencedSOPInstanceUID) == null) {
                throw new IllegalArgumentException("a Referenced SOP Sequence item lacks its class or instance UID");
            }
        }
        return information;
    }

    /** The Event Information: what is committed, and what failed with its reason. */
    private Dataset report(String datastoreId, String retrieveAeTitle, Dataset information) {
        Sequence requested = information.get(Tag.ReferencedSOPSequence).items();
        List<String> uids = requested.stream()
                .map(item -> item.getString(Tag.ReferencedSOPInstanceUID))
                .toList();
        Map<String, String> held = store.read(tx -> tx.imageSets().heldInstances(datastoreId, uids));
        Dataset report = new Dataset();
        report.putStrings(Tag.TransactionUID, VR.UI, information.getString(Tag.TransactionUID));
        report.putStrings(Tag.RetrieveAETitle, VR.AE, retrieveAeTitle);
        Sequence committed = null;
        Sequence failed = null;
        for (Dataset item : requested) {
            String sopClass = item.getString(Tag.ReferencedSOPClassUID);
            String sopInstance = item.getString(Tag.ReferencedSOPInstanceUID);
            String heldClass = held.get(sopInstance);
            boolean ok = sopClass.equals(heldClass);
            Dataset out;
            if (ok) {
                committed = committed == null ? report.putSequence(Tag.ReferencedSOPSequence) : committed;
                out = committed.addItem();
            } else {
                failed = failed == null ? report.putSequence(Tag.FailedSOPSequence) : failed;
                out = failed.addItem();
                out.putLongs(
                        Tag.FailureReason,
                        VR.US,
                        heldClass == null ? Status.NO_SUCH_SOP_INSTANCE : Status.CLASS_INSTANCE_CONFLICT);
            }
            out.putStrings(Tag.ReferencedSOPClassUID, VR.UI, sopClass);
            out.putStrings(Tag.ReferencedSOPInstanceUID, VR.UI, sopInstance);
        }
        return report;
    }

    /**
     * Sends the report on the requester's association; false when it is no longer open, ends before the answer comes
     * (a requester that releases at once waits for a new association) or answers with a failure (it did not take it).
     */
    private boolean reportOn(Association association, AcceptedContext context, Dataset report, int eventType) {
        if (!association.isOpen()) {
            return false;
        }
        try {
            Message response = invoke(association, context, report, eventType);
            LOG.info(
                    "Association {}: storage commitment report answered {}",
                    association.id(),
                    Status.hex(response.status()));
            return response.status() == Status.SUCCESS;
        } catch (IOException e) {
            LOG.info(
                    "Association {}: storage commitment report not delivered on it ({}); a new association follows",
                    association.id(),
                    e.getMessage());
            return false;
        }
    }

    private void reportOnNewAssociation(Association association, Dataset report, int eventType) {
        String requester = association.callingAeTitle();
        InetSocketAddress address = destinations.get(requester);
        if (address == null) {
            LOG.warn(
                    "Association {}: storage commitment report for {} is lost: the requester released the association and "
                            + "no address is configured for it (OPENAHI_DIMSE_DESTINATIONS)",
                    association.id(),
                    requester);
            return;
        }
        List<PresentationContext.Proposed> contexts =
                List.of(new PresentationContext.Proposed(1, ServiceClasses.STORAGE_COMMITMENT_PUSH, SYNTAXES));
        List<UserInformation.RoleSelection> roles =
                List.of(new UserInformation.RoleSelection(ServiceClasses.STORAGE_COMMITMENT_PUSH, false, true));
        try {
            Association reporting = Association.open(
                    address,
                    Association.proposal(association.calledAeTitle(), requester, contexts, roles, settings),
                    settings,
                    MessageHandler.NONE,
                    observer);
            try {
                Optional<AcceptedContext> context =
                        reporting.contextsFor(ServiceClasses.STORAGE_COMMITMENT_PUSH).stream()
                                .findFirst();
                if (context.isEmpty()) {
                    LOG.warn(
                            "Association {}: {} accepts no Storage Commitment context; the report is lost",
                            reporting.id(),
                            requester);
                    return;
                }
                Message response = invoke(reporting, context.get(), report, eventType);
                LOG.info(
                        "Association {}: storage commitment report answered {}",
                        reporting.id(),
                        Status.hex(response.status()));
            } finally {
                reporting.release();
            }
        } catch (IOException e) {
            LOG.warn(
                    "Association {}: storage commitment report to {} at {} failed: {}",
                    association.id(),
                    requester,
                    address,
                    e.toString());
        }
    }

    private Message invoke(Association association, AcceptedContext context, Dataset report, int eventType)
            throws IOException {
        TransferSyntax syntax = TransferSyntax.of(context.transferSyntax());
        try {
            return association
                    .invoke(
                            context,
                            Requests.eventReport(
                                    ServiceClasses.STORAGE_COMMITMENT_PUSH,
                                    ServiceClasses.STORAGE_COMMITMENT_PUSH_INSTANCE,
                                    eventType),
                            out -> DicomWriter.writeDataset(out, report, syntax),
                            pending -> {})
                    .get(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(
                    "no N-EVENT-REPORT-RSP within " + settings.idleTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
