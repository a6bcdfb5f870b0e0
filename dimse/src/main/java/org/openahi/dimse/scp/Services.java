package org.openahi.dimse.scp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.StoredInstances;
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

/**
 * openahi's SCPs, and the handler of each association's requests, which sends every request to the SCP of its
 * Command Field once its context's SOP class allows it (a request on a context of another service is answered 0122,
 * SOP class not supported).
 */
public final class Services {

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
            InstanceWriter writer,
            long maxInstanceBytes,
            Path spoolDirectory,
            DicomWebReads reads,
            StoredInstances instances,
            Map<String, InetSocketAddress> destinations,
            AssociationSettings settings,
            DimseObserver observer) {
        this.storage = new StorageScp(writer, maxInstanceBytes, spoolDirectory);
        this.find = new FindScp(store);
        this.retrieve = new RetrieveScp(store, reads, instances, destinations, settings, observer);
        this.commitment = new StorageCommitmentScp(store, destinations, settings, observer);
    }

    /** The handler of an association on the data store {@code datastoreId}. */
    public MessageHandler forDatastore(String datastoreId) {
        return new Handler(datastoreId);
    }

    private final class Handler implements MessageHandler {
        private final String datastoreId;

        Handler(String datastoreId) {
            this.datastoreId = datastoreId;
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
                        storage.store(datastoreId, association, request);
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
