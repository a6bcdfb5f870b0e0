import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.openahi.dicom.Dataset;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.AcceptedContext;
import org.openahi.dimse.ul.Association;
import org.openahi.dimse.ul.AssociationSettings;
import org.openahi.dimse.ul.DataSink;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.dimse.ul.Message;
import org.openahi.dimse.ul.MessageHandler;
import org.openahi.dimse.ul.Negotiator;
import org.openahi.dimse.ul.Pdu;
import org.openahi.dimse.ul.PresentationContext;
import org.openahi.dimse.ul.ReceivedData;
import org.openahi.dimse.ul.UserInformation;

/**
 * What DIMSE costs beyond the write path: openahi's upper layer as acceptor, alone in a JVM, answering every C-STORE
 * 0000 once its data set is whole, kept the way the Storage SCP keeps one (copied into a reused 1 MiB buffer), and
 * nothing stored. Prints, every BATCH C-STOREs, the process's CPU and allocations since the previous line.
 *
 * <pre>java -cp openahi-server.jar benchmarks/dimse/UpperLayerLoad.java PORT BATCH</pre>
 *
 * (Java's source launcher; benchmarks/dimse-upper-layer.sh runs it with DCMTK's storescu as the client.)
 */
public final class UpperLayerLoad {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final BlockingQueue<byte[]> BUFFERS = new ArrayBlockingQueue<>(32);
    private static final AtomicInteger STORED = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        for (int i = 0; i < 8; i++) {
            BUFFERS.add(new byte[1024 * 1024]);
        }
        ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        System.out.println("listening on " + port);
        Thread.ofPlatform().daemon().name("report").start(() -> report(batch));
        while (true) {
            Socket socket = listener.accept();
            Thread.ofPlatform()
                    .daemon()
                    .name("dimse-association")
                    .start(() -> Association.serve(
                            socket, AssociationSettings.defaults(), UpperLayerLoad::accept, DimseObserver.NONE));
        }
    }

    private static void report(int batch) {
        long cpu = OS.getProcessCpuTime();
        long allocated = allocated();
        long wall = System.nanoTime();
        int next = batch;
        while (true) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            if (STORED.get() >= next) {
                long nowCpu = OS.getProcessCpuTime();
                long nowAllocated = allocated();
                long nowWall = System.nanoTime();
                System.out.printf(
                        "stored %d: process CPU %.3f s, allocated %.1f MB since the last line (%.1f s wall)%n",
                        next,
                        (nowCpu - cpu) / 1e9,
                        (nowAllocated - allocated) / 1e6,
                        (nowWall - wall) / 1e9);
                cpu = nowCpu;
                allocated = nowAllocated;
                wall = nowWall;
                next += batch;
            }
        }
    }

    /** Bytes allocated in the heap so far, by every thread, ended ones included (virtual threads: their carriers). */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    private static Negotiator.Decision accept(Pdu.AssociateRq rq, java.net.InetSocketAddress peer) {
        List<PresentationContext.Result> results = rq.contexts().stream()
                .map(context -> new PresentationContext.Result(
                        context.id(),
                        PresentationContext.ACCEPTANCE,
                        context.transferSyntaxes().get(0)))
                .toList();
        UserInformation info = UserInformation.of(
                AssociationSettings.defaults().maxPduLength(),
                AssociationSettings.IMPLEMENTATION_CLASS_UID,
                AssociationSettings.IMPLEMENTATION_VERSION_NAME);
        return new Negotiator.Accept(
                new Pdu.AssociateAc(
                        1, rq.calledAeTitle(), rq.callingAeTitle(), Pdu.DICOM_APPLICATION_CONTEXT, results, info),
                new MessageHandler() {
                    @Override
                    public DataSink sink(Association association, AcceptedContext context, Dataset command) {
                        return new Held();
                    }

                    @Override
                    public void handle(Association association, Message request) throws IOException {
                        if (request.data() instanceof ReceivedData.Spooled held) {
                            held.discard();
                        }
                        STORED.incrementAndGet();
                        association.respond(request, Status.SUCCESS, null);
                    }
                });
    }

    /** The Storage SCP's in-memory keeping: a reused 1 MiB buffer, given back when the request is done. */
    private static final class Held implements DataSink {
        private final byte[] buffer = BUFFERS.poll();
        private int size;

        @Override
        public void write(byte[] bytes, int offset, int length) {
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        @Override
        public ReceivedData finish() {
            return ReceivedData.Spooled.held(buffer, size, () -> BUFFERS.add(buffer));
        }

        @Override
        public void discard() {
            BUFFERS.add(buffer);
        }
    }
}
