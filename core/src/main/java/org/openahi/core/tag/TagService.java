package org.openahi.core.tag;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openahi.core.account.Account;
import org.openahi.core.account.ResourceArn;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.error.NotFound;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetState;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;

/**
 * Tags on data stores and image sets, addressed by ARN. A deleted data store keeps its tags for reading
 * but accepts no changes.
 */
public final class TagService {
    /** AWS's usual per-resource limit, and AHI's documented one for image sets. */
    public static final int MAX_TAGS_PER_RESOURCE = 50;

    private final MetadataStore store;
    private final Account account;

    public TagService(MetadataStore store, Account account) {
        this.store = store;
        this.account = account;
    }

    public SortedMap<String, String> list(String arn) {
        return store.read(tx -> {
            requireResource(tx, arn, false);
            return tx.tags().list(arn);
        });
    }

    public void tag(String arn, Map<String, String> tags) {
        store.write(tx -> {
            requireResource(tx, arn, true);
            SortedMap<String, String> merged = new TreeMap<>(tx.tags().list(arn));
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS_PER_RESOURCE) {
                throw new InvalidRequest("A resource can have at most " + MAX_TAGS_PER_RESOURCE + " tags; " + arn
                        + " would have " + merged.size());
            }
            tx.tags().put(arn, tags);
            return null;
        });
    }

    public void untag(String arn, Collection<String> keys) {
        store.write(tx -> {
            requireResource(tx, arn, true);
            tx.tags().remove(arn, keys);
            return null;
        });
    }

    private void requireResource(Transaction tx, String arn, boolean forChange) {
        ResourceArn resource = ResourceArn.parse(arn)
                .filter(parsed -> parsed.belongsTo(account))
                .orElseThrow(() -> new NotFound("Resource " + arn + " not found"));
        DatastoreStatus status = tx.datastores()
                .find(resource.datastoreId())
                .orElseThrow(() -> new NotFound("Datastore " + resource.datastoreId() + " not found"))
                .status();
        if (forChange && status == DatastoreStatus.DELETED) {
            throw new NotFound("Datastore " + resource.datastoreId() + " is DELETED");
        }
        if (resource.imageSetId().isPresent()) {
            String imageSetId = resource.imageSetId().get();
            ImageSet imageSet = tx.imageSets()
                    .find(resource.datastoreId(), imageSetId)
                    .orElseThrow(() -> new NotFound(
                            "Image set " + imageSetId + " not found in datastore " + resource.datastoreId()));
            if (forChange && imageSet.state() == ImageSetState.DELETED) {
                throw new NotFound("Image set " + imageSetId + " is DELETED");
            }
        }
    }
}
