package org.openahi.dimse.scp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.StoredInstances;
import org.openahi.core.importing.InstanceIngest;
import org.openahi.core.store.MetadataStore;
import org.openahi.dicom.Dataset;
import org.openahi.dimse.message.Command;
import org.openahi.dimse.message.CommandSet;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.AcceptedContext;
import org.openahi.dimse.ul.Association;
import org.openahi.dimse.ul.AssociationSettings;
import org.openahi.dimse.ul.DataSink;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.dimse.ul.Message;
import org.openahi.dimse.ul.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openahi's SCPs, and the handler of each association's requests, which sends every request to the SCP of its
 * Command Field once its context's SOP class allows it (a request on a context of another service is answered 0122,
 * SOP class not supported).
 */
public final class Services {
    private static final Logger LOG = LoggerFactory.getLogger(Services.class);

    private final InstanceIngest ingest;
    private final StorageScp storage;
    private final FindScp find;
    private final RetrieveScp retrieve;
    private final StorageCommitmentScp commitment;

    /**
     * @param maxInstanceBytes the largest instance a C-STORE may send (the import limit per file)
     * @param spoolDirectory where C-STORE data sets are written as they arrive
     * @param destinations where C-MOVE sends, and Storage Commitment reports go on new associations, by AE title
     * @param settings the limits and timers of the associations openahi opens
     * @param observer what those associations report to
     */
    public Services(
            MetadataStore store,
            InstanceIngest ingest,
            long maxInstanceBytes,
            Path spoolDirectory,
            DicomWebReads reads,
            StoredInstances instances,
            Map<String, InetSocketAddress> destinations,
            AssociationSettings settings,
            DimseObserver observer) {
        this.ingest = ingest;
        this.storage = new StorageScp(maxInstanceBytes, spoolDirectory);
        this.find = new FindScp(store);
        this.retrieve = new RetrieveScp(store, reads, instances, destinations, settings, observer);
        this.commitment = new StorageCommitmentScp(store, destinations, settings, observer);
    }

    /** The handler of an association on the data store {@code datastoreId}. */
    public MessageHandler forDatastore(String datastoreId) {
        return new Handler(datastoreId);
    }

    /**
     * An association's requests. Its C-STOREs share one {@link InstanceIngest.Session}: each is answered once staged
     * (durable), and folded into image sets a moment later. Any other request, and the release, first waits (at most
     * the ARTIM timer) for those folds, so what the association stored is what its queries, retrievals, Storage
     * Commitment and the peer after the release see.
     */
    private final class Handler implements MessageHandler {
        private final String datastoreId;
        private InstanceIngest.Session session;

        Handler(String datastoreId) {
            this.datastoreId = datastoreId;
        }

        /** Opened at the first C-STORE (it may fail: the data store was deleted or is not ACTIVE). */
        private synchronized InstanceIngest.Session session() {
            if (session == null) {
                session = ingest.open(datastoreId);
            }
            return session;
        }

        private void awaitStored(Association association) {
            InstanceIngest.Session opened;
            synchronized (this) {
                opened = session;
            }
            if (opened != null && !opened.awaitFolded(association.settings().artim())) {
                LOG.warn(
                        "Association {}: instances it stored are durable but not yet searchable after {} s",
                        association.id(),
                        association.settings().artim().toSeconds());
            }
        }

        @Override
        public void releasing(Association association) {
            awaitStored(association);
        }

        @Override
        public synchronized void ended(Association association) {
            if (session != null) {
                session.close();
            }
        }

        @Override
        public DataSink sink(Association association, AcceptedContext context, Dataset command) {
            return CommandSet.commandField(command) == Command.C_STORE_RQ
                    ? storage.sink(association, context, command)
                    : MessageHandler.super.sink(association, context, command);
        }

        @Override
        public void handle(Association association, Message request) throws IOException {
            String sopClass = request.context().abstractSyntax();
            if (request.commandField() != Command.C_STORE_RQ) {
                awaitStored(association);
            }
            switch (request.commandField()) {
                case Command.C_ECHO_RQ -> {
                    if (sopClass.equals(ServiceClasses.VERIFICATION)) {
                        association.respond(request, Status.SUCCESS, null);
                    } else {
                        notThisService(association, request);
                    }
                }
                case Command.C_STORE_RQ -> {
                    if (ServiceClasses.isStorage(sopClass)) {
                        storage.store(this::session, association, request);
                    } else {
                        notThisService(association, request);
                    }
                }
                case Command.C_FIND_RQ -> {
                    if (ServiceClasses.FIND.contains(sopClass)) {
                        find.find(datastoreId, association, request);
                    } else {
                        notThisService(association, request);
                    }
                }
                case Command.C_MOVE_RQ -> {
                    if (ServiceClasses.MOVE.contains(sopClass)) {
                        retrieve.move(datastoreId, association, request);
                    } else {
                        notThisService(association, request);
                    }
                }
                case Command.C_GET_RQ -> {
                    if (ServiceClasses.GET.contains(sopClass)) {
                        retrieve.get(datastoreId, association, request);
                    } else {
                        notThisService(association, request);
                    }
                }
                case Command.N_ACTION_RQ -> {
                    if (sopClass.equals(ServiceClasses.STORAGE_COMMITMENT_PUSH)) {
                        commitment.action(datastoreId, association, request);
                    } else {
                        notThisService(association, request);
                    }
                }
                default ->
                    association.respond(
                            request,
                            Status.UNRECOGNIZED_OPERATION,
                            Command.name(request.commandField()) + " is not performed by openahi");
            }
        }

        private void notThisService(Association association, Message request) throws IOException {
            association.respond(
                    request,
                    Status.SOP_CLASS_NOT_SUPPORTED,
                    Command.name(request.commandField()) + " on a context for "
                            + request.context().abstractSyntax());
        }
    }
}
