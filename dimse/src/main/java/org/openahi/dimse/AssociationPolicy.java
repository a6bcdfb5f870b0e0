package org.openahi.dimse;

import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.openahi.dimse.ul.AssociationSettings;
import org.openahi.dimse.ul.MessageHandler;
import org.openahi.dimse.ul.Negotiator;
import org.openahi.dimse.ul.Pdu;
import org.openahi.dimse.ul.UserInformation;

/**
 * Who may associate and on what terms: the protocol version and application context PS3.8 fixes, the limit on
 * concurrent associations, the allowed calling AE titles and a called AE title naming a data store, in that order;
 * then the presentation contexts ({@link ContextNegotiation}).
 */
final class AssociationPolicy implements Negotiator {
    private final DimseSettings settings;
    private final DatastoreAeTitles aeTitles;
    private final BooleanSupplier full;
    private final Function<String, MessageHandler> handlers;

    /**
     * @param full whether the server already serves as many associations as it may
     * @param handlers the handler of an association's requests, by data store id
     */
    AssociationPolicy(
            DimseSettings settings,
            DatastoreAeTitles aeTitles,
            BooleanSupplier full,
            Function<String, MessageHandler> handlers) {
        this.settings = settings;
        this.aeTitles = aeTitles;
        this.full = full;
        this.handlers = handlers;
    }

    @Override
    public Decision negotiate(Pdu.AssociateRq rq, InetSocketAddress peer) {
        if ((rq.protocolVersion() & 1) == 0) {
            return reject(
                    Pdu.AssociateRj.PERMANENT,
                    Pdu.AssociateRj.SERVICE_PROVIDER_ACSE,
                    Pdu.AssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED,
                    "protocol version " + rq.protocolVersion());
        }
        if (!rq.applicationContext().equals(Pdu.DICOM_APPLICATION_CONTEXT)) {
            return reject(
                    Pdu.AssociateRj.PERMANENT,
                    Pdu.AssociateRj.SERVICE_USER,
                    Pdu.AssociateRj.APPLICATION_CONTEXT_NOT_SUPPORTED,
                    "application context " + rq.applicationContext());
        }
        if (full.getAsBoolean()) {
            return reject(
                    Pdu.AssociateRj.TRANSIENT,
                    Pdu.AssociateRj.SERVICE_PROVIDER_PRESENTATION,
                    Pdu.AssociateRj.LOCAL_LIMIT_EXCEEDED,
                    settings.maxAssociations() + " associations already served");
        }
        if (!settings.callingAeTitles().isEmpty() && !settings.callingAeTitles().contains(rq.callingAeTitle())) {
            return reject(
                    Pdu.AssociateRj.PERMANENT,
                    Pdu.AssociateRj.SERVICE_USER,
                    Pdu.AssociateRj.CALLING_AE_NOT_RECOGNIZED,
                    "calling AE " + rq.callingAeTitle() + " is not allowed");
        }
        return switch (aeTitles.resolve(rq.calledAeTitle())) {
            case DatastoreAeTitles.Unknown unknown ->
                reject(
                        Pdu.AssociateRj.PERMANENT,
                        Pdu.AssociateRj.SERVICE_USER,
                        Pdu.AssociateRj.CALLED_AE_NOT_RECOGNIZED,
                        unknown.why());
            case DatastoreAeTitles.Found found -> accept(rq, handlers.apply(found.datastoreId()));
        };
    }

    private Decision accept(Pdu.AssociateRq rq, MessageHandler handler) {
        ContextNegotiation.Answer answer = ContextNegotiation.answer(
                rq.contexts(), rq.userInformation(), settings.association().maxOperations());
        UserInformation info = UserInformation.of(
                        settings.association().maxPduLength(),
                        AssociationSettings.IMPLEMENTATION_CLASS_UID,
                        AssociationSettings.IMPLEMENTATION_VERSION_NAME)
                .withRoles(answer.roles())
                .withExtendedNegotiations(answer.extendedNegotiations());
        if (answer.asyncWindow().isPresent()) {
            info = info.withAsyncWindow(answer.asyncWindow().get());
        }
        return new Accept(
                new Pdu.AssociateAc(
                        1,
                        rq.calledAeTitle(),
                        rq.callingAeTitle(),
                        Pdu.DICOM_APPLICATION_CONTEXT,
                        answer.contexts(),
                        info),
                handler);
    }

    private static Decision reject(int result, int source, int reason, String why) {
        return new Reject(new Pdu.AssociateRj(result, source, reason), why);
    }
}
