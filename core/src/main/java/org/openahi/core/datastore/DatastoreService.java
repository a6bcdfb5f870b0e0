package org.openahi.core.datastore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.openahi.core.account.Account;
import org.openahi.core.error.Conflict;
import org.openahi.core.error.NotFound;
import org.openahi.core.error.QuotaExceeded;
import org.openahi.core.page.Cursor;
import org.openahi.core.page.Page;
import org.openahi.core.page.PageTokens;
import org.openahi.core.store.Fingerprint;
import org.openahi.core.store.IdempotencyRepository;
import org.openahi.core.store.Ids;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;

/**
 * Creates, reads, lists and deletes data stores.
 *
 * <p>Creation and deletion take effect at once: a new store is ACTIVE and a deleted one DELETED when the
 * call returns, although the responses report CREATING and DELETING as AHI's do (see docs/decisions.md).
 */
public final class DatastoreService {
    private static final String CREATE_SCOPE = "CreateDatastore";

    private final MetadataStore store;
    private final Account account;
    private final Clock clock;
    private final PageTokens pageTokens;
    private final int quota;

    public DatastoreService(MetadataStore store, Account account, Clock clock, PageTokens pageTokens, int quota) {
        this.store = store;
        this.account = account;
        this.clock = clock;
        this.pageTokens = pageTokens;
        this.quota = quota;
    }

    /** The outcome of CreateDatastore; {@code created} is false when a retried request matched an earlier one. */
    public record Created(Datastore datastore, boolean created) {}

    public Created create(NewDatastore request) {
        String fingerprint = new Fingerprint()
                .add("datastoreName", request.name())
                .add("tags", request.tags())
                .add("kmsKeyArn", request.kmsKeyArn())
                .add("lambdaAuthorizerArn", request.lambdaAuthorizerArn())
                .add("losslessStorageFormat", request.losslessStorageFormat())
                .hex();
        return store.write(tx -> {
            Optional<IdempotencyRepository.Entry> earlier = tx.idempotency().find(CREATE_SCOPE, request.clientToken());
            if (earlier.isPresent()) {
                if (!earlier.get().fingerprint().equals(fingerprint)) {
                    throw new Conflict("clientToken '" + request.clientToken()
                            + "' was already used to create a data store with different parameters");
                }
                return new Created(require(tx, earlier.get().resourceId()), false);
            }
            if (tx.datastores().countNotDeleted() >= quota) {
                throw new QuotaExceeded(
                        "Data store quota exceeded: at most " + quota + " data stores that are not DELETED may exist");
            }
            Instant now = now();
            String id = Ids.newId();
            Datastore datastore = new Datastore(
                    id,
                    request.name().orElse(id),
                    DatastoreStatus.ACTIVE,
                    request.kmsKeyArn(),
                    request.lambdaAuthorizerArn(),
                    request.losslessStorageFormat().orElse(LosslessStorageFormat.HTJ2K),
                    now,
                    now);
            tx.datastores().insert(datastore);
            tx.tags().put(account.datastoreArn(id), request.tags());
            tx.idempotency()
                    .insert(CREATE_SCOPE, request.clientToken(), new IdempotencyRepository.Entry(fingerprint, id), now);
            return new Created(datastore, true);
        });
    }

    public Datastore get(String id) {
        return store.read(tx -> require(tx, id));
    }

    public Page<Datastore> list(Optional<DatastoreStatus> status, int maxResults, Optional<String> nextToken) {
        String scope = "ListDatastores|" + status.map(Enum::name).orElse("*");
        Optional<Cursor> after = pageTokens.cursor(scope, nextToken);
        List<Datastore> rows = store.read(tx -> tx.datastores().listNewestFirst(status, after, maxResults + 1));
        return pageTokens.page(rows, maxResults, scope, datastore -> Cursor.at(datastore.createdAt(), datastore.id()));
    }

    /** Deletes a data store whose image sets are all deleted; it stays readable with status DELETED. */
    public Datastore delete(String id) {
        return store.write(tx -> {
            Datastore datastore = require(tx, id);
            if (datastore.status() == DatastoreStatus.DELETED) {
                throw new Conflict("Datastore " + id + " is already DELETED");
            }
            int imageSets = tx.imageSets().countNotDeleted(id);
            if (imageSets > 0) {
                throw new Conflict("Datastore " + id + " still holds " + imageSets
                        + " image sets that are not deleted; " + "delete them first");
            }
            int staged = tx.staging().countStaged(id);
            if (staged > 0) {
                throw new Conflict(
                        "Datastore " + id + " is storing " + staged + " instances; retry once they are stored");
            }
            Instant now = now();
            tx.datastores().updateStatus(id, DatastoreStatus.DELETED, now);
            return datastore.withStatus(DatastoreStatus.DELETED, now);
        });
    }

    public String arn(Datastore datastore) {
        return account.datastoreArn(datastore.id());
    }

    private static Datastore require(Transaction tx, String id) {
        return tx.datastores().find(id).orElseThrow(() -> new NotFound("Datastore " + id + " not found"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
