package org.openahi.dimse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openahi.dimse.message.Command;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.Association;
import org.openahi.dimse.ul.AssociationSettings;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.dimse.ul.Message;
import org.openahi.dimse.ul.MessageHandler;
import org.openahi.dimse.ul.Negotiator;
import org.openahi.dimse.ul.Pdu;
import org.openahi.dimse.ul.PresentationContext;
import org.openahi.dimse.ul.ReceivedData;
import org.openahi.dimse.ul.UserInformation;

/**
 * A small SCP built on openahi's upper layer, for what DCMTK's cannot take (HTJ2K) or do (receive Storage Commitment
 * reports): it accepts every proposed context in the first of {@code syntaxes} it proposes, keeps the C-STOREs it
 * receives and hands other requests to a handler.
 */
final class TestScp implements AutoCloseable {
    /** A C-STORE received: the context's transfer syntax and the data set's bytes. */
    record Stored(String transferSyntax, String sopInstanceUid, byte[] dataset) {}

    final List<Stored> stored = new CopyOnWriteArrayList<>();
    final List<Message> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final List<String> syntaxes;

    TestScp(List<String> syntaxes, MessageHandler others) throws IOException {
        this.syntaxes = List.copyOf(syntaxes);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        MessageHandler handler = (association, request) -> {
            requests.add(request);
            if (request.commandField() == Command.C_STORE_RQ) {
                byte[] bytes = request.data() instanceof ReceivedData.InMemory data ? data.bytes() : new byte[0];
                stored.add(new Stored(
                        request.context().transferSyntax(),
                        request.command().getString(Command.AffectedSOPInstanceUID),
                        bytes));
                association.respond(request, Status.SUCCESS, null);
            } else {
                others.handle(association, request);
            }
        };
        Thread.ofPlatform().daemon().name("test-scp").start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    Thread.ofPlatform()
                            .daemon()
                            .start(() -> Association.serve(
                                    socket,
                                    AssociationSettings.defaults(),
                                    (rq, peer) -> accept(rq, handler),
                                    DimseObserver.NONE));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    private Negotiator.Decision accept(Pdu.AssociateRq rq, MessageHandler handler) {
        List<PresentationContext.Result> results = new ArrayList<>();
        for (PresentationContext.Proposed context : rq.contexts()) {
            String chosen = syntaxes.stream()
                    .filter(context.transferSyntaxes()::contains)
                    .findFirst()
                    .orElse(null);
            results.add(
                    chosen == null
                            ? new PresentationContext.Result(
                                    context.id(),
                                    PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                                    context.transferSyntaxes().get(0))
                            : new PresentationContext.Result(context.id(), PresentationContext.ACCEPTANCE, chosen));
        }
        UserInformation info = UserInformation.of(AssociationSettings.defaults().maxPduLength(), "1.2.3.4", "TESTSCP")
                .withRoles(rq.userInformation().roles());
        return new Negotiator.Accept(
                new Pdu.AssociateAc(
                        1, rq.calledAeTitle(), rq.callingAeTitle(), Pdu.DICOM_APPLICATION_CONTEXT, results, info),
                handler);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
