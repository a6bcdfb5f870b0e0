package org.openahi.dimse.ul;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dimse.message.Command;
import org.openahi.dimse.message.CommandSet;
import org.openahi.dimse.message.MalformedCommandException;
import org.openahi.dimse.message.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One association over a connected socket, as acceptor ({@link #serve}) or requestor ({@link #request}): the PS3.8
 * state machine (establishment under the ARTIM timer, data transfer, release, abort), P-DATA fragmentation both ways,
 * and DIMSE message exchange on top of it. One thread reads PDUs (P-DATA-TF ones into one reused buffer) and assembles
 * messages; each request of the peer is performed on a virtual thread of its own by the {@link MessageHandler}, at
 * most {@link AssociationSettings#maxOperations()}
 * at once, so a C-CANCEL is read while a C-FIND or C-MOVE runs; responses to requests this side invoked complete
 * their futures. Writes are serialised per message. Anything that breaks the protocol ends in an A-ABORT; a data set
 * cut short is discarded by its sink, so none of it is ever handed over.
 */
public final class Association {
    private static final Logger LOG = LoggerFactory.getLogger(Association.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** Live associations, watched for writes that stopped making progress (a peer that no longer reads). */
    private static final Set<Association> LIVE = ConcurrentHashMap.newKeySet();

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    static {
        Thread.ofPlatform().daemon().name("dimse-write-watchdog").start(Association::watchWrites);
    }

    public enum Role {
        ACCEPTOR,
        REQUESTOR
    }

    private enum State {
        AWAITING_ASSOCIATE,
        ESTABLISHED,
        RELEASE_SENT,
        CLOSED
    }

    /** Writes a message's data set. */
    @FunctionalInterface
    public interface DataWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final String id;
    private final Socket socket;
    private final Role role;
    private final AssociationSettings settings;
    private final DimseObserver observer;
    private final InputStream in;
    private final OutputStream out;
    private final long started = System.nanoTime();
    private final Object writeLock = new Object();
    /** P-DATA-TF PDUs are read into it; their values are copied out (command, data sink) before the next PDU. */
    private final PduReader.ReadBuffer readBuffer = new PduReader.ReadBuffer();

    private final AtomicInteger nextMessageId = new AtomicInteger();
    private final Map<Integer, Outstanding> outstanding = new ConcurrentHashMap<>();
    private final Map<Integer, Performing> performing = new ConcurrentHashMap<>();
    private final Semaphore operations;
    private final Map<String, Integer> performedCounts = new ConcurrentHashMap<>();
    private final Map<String, Integer> invokedCounts = new ConcurrentHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile State state = State.AWAITING_ASSOCIATE;
    private volatile String outcome = "connection closed";
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long writeProgress;
    private volatile boolean writing;
    private Pdu.AssociateRq associateRq;
    private Pdu.AssociateAc associateAc;
    private Map<Integer, AcceptedContext> contexts = Map.of();
    private MessageHandler handler = MessageHandler.NONE;
    private int maxValueLength;

    private Association(Socket socket, Role role, AssociationSettings settings, DimseObserver observer)
            throws IOException {
        this.id = Long.toString(IDS.incrementAndGet());
        this.socket = socket;
        this.role = role;
        this.settings = settings;
        this.observer = observer;
        this.operations = new Semaphore(settings.maxOperations());
        this.in = new Counting(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        socket.setTcpNoDelay(true);
    }

    /**
     * Runs an accepted connection as acceptor until the association ends: waits (ARTIM) for the A-ASSOCIATE-RQ, lets
     * {@code negotiator} accept or reject it, then transfers data until release or abort. Never throws; the outcome
     * goes to the observer and the log.
     */
    public static void serve(
            Socket socket, AssociationSettings settings, Negotiator negotiator, DimseObserver observer) {
        Association association;
        try {
            association = new Association(socket, Role.ACCEPTOR, settings, observer);
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        association.guarded(() -> association.accept(negotiator));
    }

    /**
     * Requests an association over a connected socket and, once accepted, starts reading on a thread of its own.
     *
     * @throws AssociationRejectedException when the peer rejects or aborts the request
     * @throws IOException when the connection fails or the answer does not come within the ARTIM timer
     */
    public static Association request(
            Socket socket,
            Pdu.AssociateRq request,
            AssociationSettings settings,
            MessageHandler handler,
            DimseObserver observer)
            throws IOException {
        Association association = new Association(socket, Role.REQUESTOR, settings, observer);
        association.handler = handler;
        association.associateRq = request;
        LIVE.add(association);
        try {
            association.writePdu(request);
            Pdu answer = association.readPdu(settings.artim());
            switch (answer) {
                case Pdu.AssociateAc ac -> association.establish(ac, peerMaxPdu(ac.userInformation()));
                case Pdu.AssociateRj rj -> {
                    association.outcome = "rejected by the peer (result " + rj.result() + ", source " + rj.source()
                            + ", reason " + rj.reason() + ")";
                    throw new AssociationRejectedException(rj, association.outcome);
                }
                case Pdu.Abort abort -> {
                    association.outcome =
                            "aborted by the peer (source " + abort.source() + ", reason " + abort.reason() + ")";
                    throw new AssociationRejectedException(null, association.outcome);
                }
                default ->
                    throw new PduException(
                            Pdu.Abort.UNEXPECTED_PDU,
                            PduReader.name(Pdu.ASSOCIATE_RQ) + " answered with "
                                    + answer.getClass().getSimpleName());
            }
        } catch (PduException e) {
            association.abort(Pdu.Abort.SERVICE_PROVIDER, e.abortReason(), e.getMessage());
            association.finish();
            throw new IOException("association with " + request.calledAeTitle() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            if (!(e instanceof AssociationRejectedException)) {
                association.outcome = "failed: " + e.getMessage();
            }
            association.finish();
            throw e;
        }
        Thread.ofPlatform()
                .daemon()
                .name("dimse-" + association.id + "-reader")
                .start(() -> association.guarded(association::readLoop));
        return association;
    }

    /**
     * Connects to {@code address} (resolved now when it is not yet, within the ARTIM timer) and requests an
     * association there, as
     * {@link #request} does; the socket is closed when that fails.
     */
    public static Association open(
            InetSocketAddress address,
            Pdu.AssociateRq request,
            AssociationSettings settings,
            MessageHandler handler,
            DimseObserver observer)
            throws IOException {
        Socket socket = new Socket();
        try {
            InetSocketAddress resolved = address.isUnresolved()
                    ? new InetSocketAddress(address.getHostString(), address.getPort())
                    : address;
            socket.connect(resolved, (int) settings.artim().toMillis());
            return request(socket, request, settings, handler, observer);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** An A-ASSOCIATE-RQ with openahi's implementation and limits, the contexts and, when given, role selections. */
    public static Pdu.AssociateRq proposal(
            String callingAeTitle,
            String calledAeTitle,
            List<PresentationContext.Proposed> contexts,
            List<UserInformation.RoleSelection> roles,
            AssociationSettings settings) {
        UserInformation info = UserInformation.of(
                        settings.maxPduLength(),
                        AssociationSettings.IMPLEMENTATION_CLASS_UID,
                        AssociationSettings.IMPLEMENTATION_VERSION_NAME)
                .withRoles(roles);
        return new Pdu.AssociateRq(1, calledAeTitle, callingAeTitle, Pdu.DICOM_APPLICATION_CONTEXT, contexts, info);
    }

    // ---------------------------------------------------------------------------------------------- accessors

    public String id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public AssociationSettings settings() {
        return settings;
    }

    public String callingAeTitle() {
        return associateRq == null ? "" : associateRq.callingAeTitle();
    }

    public String calledAeTitle() {
        return associateRq == null ? "" : associateRq.calledAeTitle();
    }

    public InetSocketAddress peerAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    public boolean isOpen() {
        return state == State.ESTABLISHED;
    }

    /** The accepted presentation contexts by id. */
    public Map<Integer, AcceptedContext> contexts() {
        return contexts;
    }

    /** The accepted contexts of a SOP class, in id order. */
    public List<AcceptedContext> contextsFor(String sopClassUid) {
        return contexts.values().stream()
                .filter(context -> context.abstractSyntax().equals(sopClassUid))
                .sorted(java.util.Comparator.comparingInt(AcceptedContext::id))
                .toList();
    }

    /**
     * Whether the association requestor may act as SCP of the SOP class (SCP/SCU Role Selection, PS3.7 D.3.3.4): only
     * when the acceptor's A-ASSOCIATE-AC says so, as C-GET needs for the storage sub-operations.
     */
    public boolean requestorIsScp(String sopClassUid) {
        return associateAc != null
                && associateAc.userInformation().roles().stream()
                        .anyMatch(role -> role.sopClassUid().equals(sopClassUid) && role.scp());
    }

    /** True once the peer sent a C-CANCEL for this request. */
    public boolean cancelled(Message request) {
        Performing operation = performing.get(request.messageId());
        return operation != null && operation.request == request && operation.cancelled;
    }

    // ---------------------------------------------------------------------------------------------- sending

    /** Answers a request with {@code status} and, unless null, an error comment (at most 64 characters kept). */
    public void respond(Message request, int status, String errorComment) throws IOException {
        Dataset command = responseTo(request, status);
        if (errorComment != null && !errorComment.isEmpty() && status != Status.SUCCESS) {
            command.putStrings(
                    Command.ErrorComment,
                    VR.LO,
                    errorComment.length() > 64 ? errorComment.substring(0, 64) : errorComment);
        }
        respond(request, command, null);
    }

    /**
     * The response command of a request: the matching response Command Field, MessageIDBeingRespondedTo, Affected SOP
     * Class and Instance UIDs (from the request's Affected or Requested ones), the status, and no data set.
     */
    public static Dataset responseTo(Message request, int status) {
        Dataset command = new Dataset();
        Dataset rq = request.command();
        String sopClass = Optional.ofNullable(rq.getString(Command.AffectedSOPClassUID))
                .orElse(rq.getString(Command.RequestedSOPClassUID));
        if (sopClass != null) {
            command.putStrings(Command.AffectedSOPClassUID, VR.UI, sopClass);
        }
        command.putLongs(Command.CommandField, VR.US, request.commandField() | 0x8000);
        command.putLongs(Command.MessageIDBeingRespondedTo, VR.US, request.messageId());
        command.putLongs(Command.CommandDataSetType, VR.US, Command.NO_DATA_SET);
        command.putLongs(Command.Status, VR.US, status);
        String instance = Optional.ofNullable(rq.getString(Command.AffectedSOPInstanceUID))
                .orElse(rq.getString(Command.RequestedSOPInstanceUID));
        if (instance != null) {
            command.putStrings(Command.AffectedSOPInstanceUID, VR.UI, instance);
        }
        return command;
    }

    /**
     * Sends a response to {@code request} on its context, with a data set when {@code data} is not null. A final
     * status ends the operation: its slot in the window is freed before the response leaves, so the peer's next
     * request always finds one.
     */
    public void respond(Message request, Dataset command, DataWriter data) throws IOException {
        int status = command.getInt(Command.Status, Status.SUCCESS);
        command.putLongs(Command.CommandDataSetType, VR.US, data == null ? Command.NO_DATA_SET : Command.DATA_SET);
        if (Status.isFinal(status)) {
            Performing operation = performing.get(request.messageId());
            if (operation != null && operation.request == request && operation.end()) {
                String service = Command.service(request.commandField());
                performedCounts.merge(service + " " + Status.hex(status), 1, Integer::sum);
                observer.performed(service, status, Duration.ofNanos(System.nanoTime() - operation.started));
            }
        }
        send(request.context().id(), command, data);
    }

    /**
     * Invokes a request on the peer: assigns its Message ID, sends it and returns the future of its final response;
     * pending responses go to {@code onPending}. The future fails when the association ends first.
     */
    public CompletableFuture<Message> invoke(
            AcceptedContext context, Dataset command, DataWriter data, Consumer<Message> onPending) throws IOException {
        int messageId = nextMessageId.updateAndGet(previous -> previous % 0xFFFF + 1);
        command.putLongs(Command.MessageID, VR.US, messageId);
        command.putLongs(Command.CommandDataSetType, VR.US, data == null ? Command.NO_DATA_SET : Command.DATA_SET);
        Outstanding request = new Outstanding(onPending, new CompletableFuture<>());
        outstanding.put(messageId, request);
        if (state != State.ESTABLISHED) {
            outstanding.remove(messageId);
            throw new IOException("association " + id + " is not established");
        }
        try {
            send(context.id(), command, data);
        } catch (IOException e) {
            outstanding.remove(messageId);
            throw e;
        }
        invokedCounts.merge(Command.service(CommandSet.commandField(command)), 1, Integer::sum);
        return request.response;
    }

    private void send(int contextId, Dataset command, DataWriter data) throws IOException {
        synchronized (writeLock) {
            if (state != State.ESTABLISHED && state != State.RELEASE_SENT) {
                throw new IOException("association " + id + " has ended: " + outcome);
            }
            writing = true;
            writeProgress = System.nanoTime();
            try {
                PDataOutputStream commandOut =
                        new PDataOutputStream(new Progress(out), contextId, true, maxValueLength);
                commandOut.write(CommandSet.encode(command));
                commandOut.finish();
                if (data != null) {
                    PDataOutputStream dataOut =
                            new PDataOutputStream(new Progress(out), contextId, false, maxValueLength);
                    data.writeTo(dataOut);
                    dataOut.finish();
                }
                out.flush();
            } catch (IOException e) {
                if (state == State.ESTABLISHED) {
                    outcome = "connection lost while sending: " + e.getMessage();
                }
                closeQuietly(socket);
                throw e;
            } finally {
                writing = false;
            }
        }
    }

    /** Counts the bytes read. */
    private final class Counting extends java.io.FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesIn++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesIn += n;
            }
            return n;
        }
    }

    /** Counts bytes written and notes the progress the write watchdog looks for. */
    private final class Progress extends OutputStream {
        private final OutputStream target;

        Progress(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            bytesOut++;
            writeProgress = System.nanoTime();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            bytesOut += len;
            writeProgress = System.nanoTime();
        }
    }

    // ---------------------------------------------------------------------------------------------- release, abort

    /**
     * Releases an association this side requested: sends A-RELEASE-RQ and waits (ARTIM) for the A-RELEASE-RP; aborts
     * when it does not come.
     */
    public void release() throws IOException {
        synchronized (writeLock) {
            if (state != State.ESTABLISHED) {
                return;
            }
            state = State.RELEASE_SENT;
            writePdu(new Pdu.ReleaseRq());
        }
        try {
            closed.get(settings.artim().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            abort(Pdu.Abort.SERVICE_USER, Pdu.Abort.REASON_NOT_SPECIFIED, "no A-RELEASE-RP within the ARTIM timer");
            throw new IOException("association " + id + ": no A-RELEASE-RP within "
                    + settings.artim().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(Pdu.Abort.SERVICE_USER, Pdu.Abort.REASON_NOT_SPECIFIED, "interrupted while releasing");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** Sends an A-ABORT (as far as the connection still takes it) and closes the connection. */
    public void abort(int source, int reason, String why) {
        if (state == State.CLOSED) {
            return;
        }
        outcome = "aborted: " + why;
        state = State.CLOSED;
        try {
            synchronized (writeLock) {
                socket.setSoTimeout((int) settings.readTimeout().toMillis());
                writePdu(new Pdu.Abort(source, reason));
            }
        } catch (IOException e) {
            // the peer is gone already
        }
        closeQuietly(socket);
    }

    // ---------------------------------------------------------------------------------------------- reading

    private interface Body {
        void run() throws IOException, PduException, MalformedCommandException;
    }

    /** Runs the association's reading side; every way it can end is turned into an outcome, and cleanup runs. */
    private void guarded(Body body) {
        LIVE.add(this);
        try {
            body.run();
        } catch (PduException e) {
            abort(Pdu.Abort.SERVICE_PROVIDER, e.abortReason(), e.getMessage());
        } catch (MalformedCommandException e) {
            abort(Pdu.Abort.SERVICE_USER, Pdu.Abort.REASON_NOT_SPECIFIED, e.getMessage());
        } catch (SocketTimeoutException e) {
            abort(
                    Pdu.Abort.SERVICE_PROVIDER,
                    Pdu.Abort.REASON_NOT_SPECIFIED,
                    state != State.AWAITING_ASSOCIATE
                            ? "timed out waiting for the peer"
                            : bytesIn == 0
                                    ? "no A-ASSOCIATE-RQ within the ARTIM timer"
                                    : "the first PDU did not arrive whole within the timers");
        } catch (EOFException e) {
            if (state != State.CLOSED) {
                outcome = "connection closed by the peer without release";
            }
        } catch (IOException e) {
            if (state != State.CLOSED) {
                outcome = "connection lost: " + e.getMessage();
            }
        } catch (RuntimeException e) {
            LOG.error("Association {} failed", id, e);
            abort(Pdu.Abort.SERVICE_PROVIDER, Pdu.Abort.REASON_NOT_SPECIFIED, "internal error: " + e);
        } finally {
            finish();
        }
    }

    private void accept(Negotiator negotiator) throws IOException, PduException, MalformedCommandException {
        Pdu first = readPdu(settings.artim());
        if (!(first instanceof Pdu.AssociateRq rq)) {
            throw new PduException(
                    Pdu.Abort.UNEXPECTED_PDU,
                    "expected A-ASSOCIATE-RQ, got " + first.getClass().getSimpleName());
        }
        associateRq = rq;
        switch (negotiator.negotiate(rq, peerAddress())) {
            case Negotiator.Reject reject -> {
                outcome = "rejected: " + reject.why();
                state = State.CLOSED;
                writePdu(reject.answer());
                awaitPeerClose();
            }
            case Negotiator.Accept accept -> {
                handler = accept.handler();
                writePdu(accept.answer());
                establish(accept.answer(), peerMaxPdu(rq.userInformation()));
                readLoop();
            }
        }
    }

    private static long peerMaxPdu(UserInformation info) {
        return info.maxPduLength();
    }

    private void establish(Pdu.AssociateAc ac, long peerMaxPdu) {
        associateAc = ac;
        Map<Integer, AcceptedContext> accepted = new HashMap<>();
        for (PresentationContext.Result result : ac.contexts()) {
            if (result.accepted()) {
                associateRq.contexts().stream()
                        .filter(proposed -> proposed.id() == result.id())
                        .findFirst()
                        .ifPresent(proposed -> accepted.put(
                                result.id(),
                                new AcceptedContext(result.id(), proposed.abstractSyntax(), result.transferSyntax())));
            }
        }
        contexts = Map.copyOf(accepted);
        long sendLimit = peerMaxPdu == 0 ? settings.maxPduLength() : Math.min(peerMaxPdu, settings.maxPduLength());
        maxValueLength = (int) Math.max(1, sendLimit - 6);
        state = State.ESTABLISHED;
    }

    private void readLoop() throws IOException, PduException, MalformedCommandException {
        MessageAssembler assembler = new MessageAssembler();
        try {
            while (true) {
                Pdu pdu = readPdu(state == State.RELEASE_SENT ? settings.artim() : settings.idleTimeout());
                switch (pdu) {
                    case Pdu.PDataTf data -> {
                        for (Pdu.Pdv value : data.values()) {
                            assembler.accept(value);
                        }
                    }
                    case Pdu.ReleaseRq rq -> {
                        releaseRequested();
                        return;
                    }
                    case Pdu.ReleaseRp rp -> {
                        if (state != State.RELEASE_SENT) {
                            throw new PduException(Pdu.Abort.UNEXPECTED_PDU, "A-RELEASE-RP without A-RELEASE-RQ");
                        }
                        outcome = "released";
                        state = State.CLOSED;
                        return;
                    }
                    case Pdu.Abort abort -> {
                        outcome = "aborted by the peer (source " + abort.source() + ", reason " + abort.reason() + ")";
                        state = State.CLOSED;
                        return;
                    }
                    default ->
                        throw new PduException(
                                Pdu.Abort.UNEXPECTED_PDU,
                                pdu.getClass().getSimpleName() + " on an established association");
                }
            }
        } finally {
            assembler.discard();
        }
    }

    /**
     * A-RELEASE-RQ from the peer: operations still running are cancelled and given the ARTIM timer to end, then the
     * A-RELEASE-RP goes out and the peer closes the connection. A collision with this side's own release is answered
     * and the own release still awaited.
     */
    private void releaseRequested() throws IOException, PduException, MalformedCommandException {
        if (state == State.RELEASE_SENT) {
            writePdu(new Pdu.ReleaseRp());
            readLoop();
            return;
        }
        performing.values().forEach(operation -> operation.cancelled = true);
        long deadline = System.nanoTime() + settings.artim().toNanos();
        while (!performing.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        handler.releasing(this);
        synchronized (writeLock) {
            state = State.CLOSED;
            outcome =
                    performing.isEmpty() ? "released" : "released with " + performing.size() + " operations unfinished";
            writePdu(new Pdu.ReleaseRp());
        }
        awaitPeerClose();
    }

    /** After A-RELEASE-RP, A-ASSOCIATE-RJ or A-ABORT, the peer closes; ARTIM bounds the wait. */
    private void awaitPeerClose() {
        try {
            socket.setSoTimeout((int) settings.artim().toMillis());
            while (in.read() >= 0) {
                // the peer has nothing more to say; whatever it sends is dropped
            }
        } catch (IOException e) {
            // closed or timed out: either way the connection goes
        }
    }

    private Pdu readPdu(Duration waitForFirstByte) throws IOException, PduException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, waitForFirstByte.toMillis()));
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the peer closed the connection");
        }
        socket.setSoTimeout((int) settings.readTimeout().toMillis());
        return PduReader.read(
                type, in, new PduReader.Limits(settings.maxPduLength(), settings.maxAssociateLength()), readBuffer);
    }

    private void writePdu(Pdu pdu) throws IOException {
        synchronized (writeLock) {
            byte[] bytes = PduWriter.encode(pdu);
            out.write(bytes);
            out.flush();
            bytesOut += bytes.length;
        }
    }

    /** Collects the fragments of each message and hands complete messages on. */
    private final class MessageAssembler {
        private final ByteArrayOutputStream command = new ByteArrayOutputStream();
        private int contextId = -1;
        private Dataset pendingCommand;
        private DataSink sink;

        void accept(Pdu.Pdv value) throws PduException, MalformedCommandException, IOException {
            AcceptedContext context = contexts.get(value.contextId());
            if (context == null) {
                throw new PduException(
                        Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                        "presentation data value on context " + value.contextId() + ", which was not accepted");
            }
            if (contextId >= 0 && contextId != value.contextId()) {
                throw new PduException(
                        Pdu.Abort.UNEXPECTED_PDU_PARAMETER,
                        "fragment on context " + value.contextId() + " inside a message on context " + contextId);
            }
            contextId = value.contextId();
            if (value.command()) {
                if (pendingCommand != null) {
                    throw new PduException(
                            Pdu.Abort.UNEXPECTED_PDU_PARAMETER,
                            "command fragment where the data set of "
                                    + Command.name(CommandSet.commandField(pendingCommand)) + " was expected");
                }
                if (command.size() + value.length() > settings.maxCommandBytes()) {
                    throw new MalformedCommandException("command set over " + settings.maxCommandBytes() + " bytes");
                }
                command.write(value.buffer(), value.offset(), value.length());
                if (value.last()) {
                    Dataset decoded = CommandSet.decode(command.toByteArray());
                    command.reset();
                    if (CommandSet.hasDataSet(decoded)) {
                        pendingCommand = decoded;
                        sink = Command.isResponse(CommandSet.commandField(decoded))
                                ? DataSinks.inMemory(settings.maxDataInMemory())
                                : handler.sink(Association.this, context, decoded);
                    } else {
                        complete(new Message(context, decoded, new ReceivedData.None()));
                    }
                }
                return;
            }
            if (pendingCommand == null) {
                throw new PduException(Pdu.Abort.UNEXPECTED_PDU_PARAMETER, "data set fragment without its command");
            }
            sink.write(value.buffer(), value.offset(), value.length());
            if (value.last()) {
                Message message = new Message(context, pendingCommand, sink.finish());
                pendingCommand = null;
                sink = null;
                complete(message);
            }
        }

        private void complete(Message message) throws MalformedCommandException {
            contextId = -1;
            dispatch(message);
        }

        /** The association ended inside a message: its partial data set goes. */
        void discard() {
            if (sink != null) {
                sink.discard();
                sink = null;
            }
        }
    }

    private void dispatch(Message message) throws MalformedCommandException {
        int field = message.commandField();
        if (Command.isResponse(field)) {
            int respondedTo = message.command().getInt(Command.MessageIDBeingRespondedTo, -1);
            Outstanding request = outstanding.get(respondedTo);
            if (request == null) {
                LOG.warn(
                        "Association {}: {} to message {}, which is not outstanding; ignored",
                        id,
                        Command.name(field),
                        respondedTo);
                deleteSpooled(message);
                return;
            }
            if (Status.isPending(message.status())) {
                request.onPending.accept(message);
            } else {
                outstanding.remove(respondedTo);
                request.response.complete(message);
            }
            return;
        }
        if (field == Command.C_CANCEL_RQ) {
            Performing operation = performing.get(message.command().getInt(Command.MessageIDBeingRespondedTo, -1));
            if (operation != null) {
                operation.cancelled = true;
            }
            return;
        }
        if (!message.command().contains(Command.MessageID)) {
            throw new MalformedCommandException(Command.name(field) + " without Message ID");
        }
        if (!operations.tryAcquire()) {
            deleteSpooled(message);
            throw new MalformedCommandException("more than " + settings.maxOperations()
                    + " operations outstanding, beyond the negotiated asynchronous operations window");
        }
        Performing operation = new Performing(message);
        if (performing.putIfAbsent(message.messageId(), operation) != null) {
            operations.release();
            deleteSpooled(message);
            throw new MalformedCommandException("message id " + message.messageId() + " is already being performed");
        }
        // A virtual thread: a platform thread per message cost its creation, its stack's guard pages and the
        // temporary direct buffer of its socket writes, each time. As on a STOW-RS request's virtual thread, the
        // staging transaction runs here and coding on platform threads (the write path's workers, CodecThreads).
        Thread.ofVirtual().name("dimse-" + id + "-op-" + message.messageId()).start(() -> perform(operation));
    }

    private void perform(Performing operation) {
        Message request = operation.request;
        try {
            handler.handle(this, request);
        } catch (IOException e) {
            LOG.debug(
                    "Association {}: {} {} ended: {}",
                    id,
                    Command.name(request.commandField()),
                    request.messageId(),
                    e.toString());
        } catch (RuntimeException e) {
            LOG.error("Association {}: {} {} failed", id, Command.name(request.commandField()), request.messageId(), e);
            if (!operation.ended.get()) {
                try {
                    respond(request, Status.PROCESSING_FAILURE, "internal error");
                } catch (IOException ignored) {
                    // the association is gone
                }
            }
        } finally {
            operation.end();
            deleteSpooled(request);
        }
    }

    private static void deleteSpooled(Message message) {
        if (message.data() instanceof ReceivedData.Spooled spooled) {
            try {
                spooled.discard();
            } catch (IOException e) {
                LOG.warn("Cannot delete spooled data set {}: {}", spooled.file(), e.toString());
            }
        }
    }

    /** A request of the peer being performed. */
    private final class Performing {
        final Message request;
        final long started = System.nanoTime();
        final AtomicBoolean ended = new AtomicBoolean();
        volatile boolean cancelled;

        Performing(Message request) {
            this.request = request;
        }

        /** Frees the operation's slot once; true the first time. */
        boolean end() {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            performing.remove(request.messageId(), this);
            operations.release();
            return true;
        }
    }

    /** A request this side invoked, waiting for its responses. */
    private record Outstanding(Consumer<Message> onPending, CompletableFuture<Message> response) {}

    // ---------------------------------------------------------------------------------------------- ending

    private void finish() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        State last = state;
        state = State.CLOSED;
        LIVE.remove(this);
        closeQuietly(socket);
        IOException gone = new IOException("association " + id + " ended: " + outcome);
        outstanding.values().forEach(request -> request.response.completeExceptionally(gone));
        outstanding.clear();
        performing.values().forEach(operation -> operation.cancelled = true);
        AssociationSummary summary = new AssociationSummary(
                id,
                role,
                callingAeTitle(),
                calledAeTitle(),
                String.valueOf(socket.getRemoteSocketAddress()),
                contexts.size(),
                associateRq == null ? 0 : associateRq.contexts().size(),
                performedCounts,
                invokedCounts,
                bytesIn,
                bytesOut,
                Duration.ofNanos(System.nanoTime() - started),
                outcome);
        if (last == State.AWAITING_ASSOCIATE && associateRq == null && bytesIn == 0 && role == Role.ACCEPTOR) {
            LOG.debug("DIMSE {}", summary);
        } else {
            LOG.info("DIMSE {}", summary);
        }
        try {
            handler.ended(this);
        } catch (RuntimeException e) {
            LOG.warn("Association {}: ending its requests' work failed", id, e);
        }
        try {
            observer.ended(summary);
        } finally {
            closed.complete(null);
        }
    }

    private static void watchWrites() {
        while (true) {
            try {
                Thread.sleep(WATCH_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Association association : LIVE) {
                if (association.writing
                        && now - association.writeProgress
                                > association.settings.readTimeout().toNanos()) {
                    association.outcome = "aborted: the peer stopped reading for "
                            + association.settings.readTimeout().toSeconds() + " s";
                    association.state = State.CLOSED;
                    closeQuietly(association.socket);
                }
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }

    @Override
    public String toString() {
        return "association " + id + " " + callingAeTitle() + " -> " + calledAeTitle();
    }
}
