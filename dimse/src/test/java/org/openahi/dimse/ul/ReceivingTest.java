package org.openahi.dimse.ul;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.Dataset;
import org.openahi.dimse.message.Requests;
import org.openahi.dimse.message.Status;

/**
 * What receiving a data set costs the acceptor: its reader thread reads P-DATA-TF PDUs into one reused buffer (no new
 * array per PDU), and each request is performed on a virtual thread (no platform thread created per message).
 */
class ReceivingTest {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final int DATA_BYTES = 8 * 1024 * 1024;

    /** Bytes the reader thread allocated while the data set's PDUs arrived, and the performing threads' kinds. */
    private final CompletableFuture<Long> allocatedWhileReceiving = new CompletableFuture<>();

    private final CompletableFuture<Long> received = new CompletableFuture<>();
    private final List<Boolean> virtual = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void aDataSetIsReadWithoutAnArrayPerPduAndPerformedOnAVirtualThread() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Socket socket = listener.accept();
                    Association.serve(socket, AssociationSettings.defaults(), this::accept, DimseObserver.NONE);
                } catch (IOException e) {
                    received.completeExceptionally(e);
                }
            });
            AssociationSettings settings = AssociationSettings.defaults();
            Association requestor = Association.open(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                    Association.proposal(
                            "TESTSCU",
                            "TESTSCP",
                            List.of(new PresentationContext.Proposed(1, CT, List.of(EXPLICIT_LE))),
                            List.of(),
                            settings),
                    settings,
                    MessageHandler.NONE,
                    DimseObserver.NONE);
            AcceptedContext context = requestor.contextsFor(CT).get(0);
            byte[] chunk = new byte[64 * 1024];
            Message response = requestor
                    .invoke(
                            context,
                            Requests.store(CT, "2.25.1", null, 0),
                            out -> {
                                for (int written = 0; written < DATA_BYTES; written += chunk.length) {
                                    out.write(chunk);
                                }
                            },
                            pending -> {})
                    .get(60, TimeUnit.SECONDS);
            requestor.release();

            assertThat(response.status()).isEqualTo(Status.SUCCESS);
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo((long) DATA_BYTES);
            // 8 MiB arrived in 32 PDUs of 256 KiB: read into new arrays they were at least 8 MiB of allocations; read
            // into one reused buffer, 256 KiB and the PDUs' small parsed objects.
            assertThat(allocatedWhileReceiving.get(10, TimeUnit.SECONDS)).isLessThan(DATA_BYTES / 8);
            assertThat(virtual).containsExactly(true);
        }
    }

    private Negotiator.Decision accept(Pdu.AssociateRq rq, InetSocketAddress peer) {
        List<PresentationContext.Result> results = rq.contexts().stream()
                .map(context ->
                        new PresentationContext.Result(context.id(), PresentationContext.ACCEPTANCE, EXPLICIT_LE))
                .toList();
        UserInformation info = UserInformation.of(AssociationSettings.defaults().maxPduLength(), "1.2.3.4", "TESTSCP");
        return new Negotiator.Accept(
                new Pdu.AssociateAc(
                        1, rq.calledAeTitle(), rq.callingAeTitle(), Pdu.DICOM_APPLICATION_CONTEXT, results, info),
                new MessageHandler() {
                    @Override
                    public DataSink sink(Association association, AcceptedContext context, Dataset command) {
                        return new CountingSink();
                    }

                    @Override
                    public void handle(Association association, Message request) throws IOException {
                        virtual.add(Thread.currentThread().isVirtual());
                        association.respond(request, Status.SUCCESS, null);
                    }
                });
    }

    private static long allocatedHere() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Counts the bytes (on the reader thread) and keeps none of them. */
    private final class CountingSink implements DataSink {
        private final long allocatedAtStart = allocatedHere();
        private long bytes;

        @Override
        public void write(byte[] buffer, int offset, int length) {
            bytes += length;
        }

        @Override
        public ReceivedData finish() {
            allocatedWhileReceiving.complete(allocatedHere() - allocatedAtStart);
            received.complete(bytes);
            return new ReceivedData.None();
        }

        @Override
        public void discard() {
            received.completeExceptionally(new IOException("discarded"));
        }
    }
}
