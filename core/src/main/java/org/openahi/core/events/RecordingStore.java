package org.openahi.core.events;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openahi.core.account.Account;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreRepository;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetRepository;
import org.openahi.core.imageset.PendingWork;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobRepository;
import org.openahi.core.importing.ImportJobStatus;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.core.store.TransactionBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store with AHI's events recorded: every write transaction that changes a data store's status, an
 * import job's status or an image set's workflow status appends the event reporting it to the outbox in the same
 * transaction, so an event exists exactly when its change was committed. The services do not know about events;
 * the changes are seen where they reach the repositories.
 */
public final class RecordingStore implements MetadataStore {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingStore.class);
    private final MetadataStore delegate;
    private final Events events;
    private final Runnable appended;

    /** @param appended told after a write that recorded events was committed (wakes the delivery) */
    public RecordingStore(MetadataStore delegate, Account account, Clock clock, Runnable appended) {
        this.delegate = delegate;
        this.events = new Events(account, clock);
        this.appended = appended;
    }

    @Override
    public <T> T read(TransactionBody<T> work) {
        return delegate.read(work);
    }

    @Override
    public <T> T write(TransactionBody<T> work) {
        AtomicBoolean recorded = new AtomicBoolean();
        T result = delegate.write(tx -> work.run(recording(tx, recorded)));
        if (recorded.get()) {
            try {
                appended.run();
            } catch (RuntimeException e) {
                // The change is committed; its events go at the delivery's next poll.
                LOG.warn("Could not wake the event delivery: {}", e.toString());
            }
        }
        return result;
    }

    @Override
    public void close() {
        delegate.close();
    }

    private Transaction recording(Transaction tx, AtomicBoolean recorded) {
        EventOutbox outbox = PassThrough.of(EventOutbox.class, tx.events(), (method, args, call) -> {
            if (method.getName().equals("append")) {
                recorded.set(true);
            }
            return call.proceed();
        });
        return PassThrough.of(Transaction.class, tx, (method, args, call) -> switch (method.getName()) {
            case "datastores" -> datastores(tx.datastores(), outbox);
            case "importJobs" -> importJobs(tx.importJobs(), outbox);
            case "imageSets" -> imageSets(tx.imageSets(), outbox);
            default -> call.proceed();
        });
    }

    /** Data stores are created and deleted at once: AHI's two events of each are recorded together. */
    private DatastoreRepository datastores(DatastoreRepository repository, EventOutbox outbox) {
        return PassThrough.of(DatastoreRepository.class, repository, (method, args, call) -> {
            switch (method.getName()) {
                case "insert" -> {
                    Object result = call.proceed();
                    Datastore datastore = (Datastore) args[0];
                    events.datastore(outbox, "Data Store Creating", datastore, DatastoreStatus.CREATING);
                    events.datastore(outbox, "Data Store Created", datastore, DatastoreStatus.ACTIVE);
                    return result;
                }
                case "updateStatus" -> {
                    Optional<Datastore> before = repository.find((String) args[0]);
                    Object result = call.proceed();
                    if (args[1] == DatastoreStatus.DELETED
                            && before.isPresent()
                            && before.get().status() != DatastoreStatus.DELETED) {
                        events.datastore(outbox, "Data Store Deleting", before.get(), DatastoreStatus.DELETING);
                        events.datastore(outbox, "Data Store Deleted", before.get(), DatastoreStatus.DELETED);
                    }
                    return result;
                }
                default -> {
                    return call.proceed();
                }
            }
        });
    }

    private ImportJobRepository importJobs(ImportJobRepository repository, EventOutbox outbox) {
        return PassThrough.of(ImportJobRepository.class, repository, (method, args, call) -> {
            switch (method.getName()) {
                case "insert" -> {
                    Object result = call.proceed();
                    ImportJob job = (ImportJob) args[0];
                    events.importJob(outbox, "Import Job Submitted", job, ImportJobStatus.SUBMITTED);
                    return result;
                }
                case "start" -> {
                    Optional<ImportJob> before = repository.find((String) args[0]);
                    Object started = call.proceed();
                    if (Boolean.TRUE.equals(started)
                            && before.map(ImportJob::status).orElse(null) == ImportJobStatus.SUBMITTED) {
                        events.importJob(outbox, "Import Job In Progress", before.get(), ImportJobStatus.IN_PROGRESS);
                    }
                    return started;
                }
                case "finish" -> {
                    Optional<ImportJob> before = repository.find((String) args[0]);
                    Object result = call.proceed();
                    ImportJobStatus status = (ImportJobStatus) args[1];
                    if (before.isPresent() && before.get().status() != status) {
                        events.importJob(
                                outbox,
                                status == ImportJobStatus.COMPLETED ? "Import Job Completed" : "Import Job Failed",
                                before.get(),
                                status);
                    }
                    return result;
                }
                default -> {
                    return call.proceed();
                }
            }
        });
    }

    private ImageSetRepository imageSets(ImageSetRepository repository, EventOutbox outbox) {
        return PassThrough.of(ImageSetRepository.class, repository, (method, args, call) -> {
            switch (method.getName()) {
                case "insert" -> {
                    Object result = call.proceed();
                    ImageSet created = (ImageSet) args[0];
                    ImageSetTransitions.inserted(created)
                            .ifPresent(detailType -> events.imageSet(outbox, detailType, created, Optional.empty()));
                    return result;
                }
                case "update" -> {
                    ImageSet after = (ImageSet) args[0];
                    Optional<ImageSet> before = repository.findById(after.id());
                    Object result = call.proceed();
                    before.flatMap(was -> ImageSetTransitions.updated(was, after))
                            .ifPresent(detailType -> events.imageSet(outbox, detailType, after, Optional.empty()));
                    return result;
                }
                case "insertWork" -> {
                    Object result = call.proceed();
                    PendingWork work = (PendingWork) args[0];
                    Optional<String> source = work.copySource();
                    if (source.isPresent()) {
                        ImageSet destination =
                                repository.findById(work.imageSetId()).orElseThrow();
                        events.imageSet(outbox, "Image Set Copying", destination, repository.findById(source.get()));
                    }
                    return result;
                }
                default -> {
                    return call.proceed();
                }
            }
        });
    }
}
