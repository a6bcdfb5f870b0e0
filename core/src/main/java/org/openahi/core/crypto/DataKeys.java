package org.openahi.core.crypto;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AES-256 data key per data store (and one for blobs whose data store is not known, {@link #SERVER}), made on
 * first use, kept in the metadata store wrapped by a master key — the data store's {@code kmsKeyArn}, or the key
 * file's default — so every node shares them and none is ever stored in the clear. Unwrapped keys are kept in memory.
 */
public final class DataKeys {
    /** The owner of blobs written by work no data store claimed. */
    public static final String SERVER = "_server";

    private static final Logger LOG = LoggerFactory.getLogger(DataKeys.class);
    private static final String PREFIX = "data-key/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MetadataStore store;
    private final MasterKeys masters;
    private final Function<String, Optional<String>> kmsKeyArn;
    private final Map<String, SecretKey> unwrapped = new ConcurrentHashMap<>();

    /** @param kmsKeyArn a data store's {@code kmsKeyArn} by its id */
    public DataKeys(MetadataStore store, MasterKeys masters, Function<String, Optional<String>> kmsKeyArn) {
        this.store = store;
        this.masters = masters;
        this.kmsKeyArn = kmsKeyArn;
    }

    /** The data key of {@code owner} (a data store id, or {@link #SERVER}), made and wrapped on first use. */
    public SecretKey of(String owner) {
        SecretKey key = unwrapped.get(owner);
        if (key != null) {
            return key;
        }
        String arn = owner.equals(SERVER)
                ? masters.defaultArn()
                : kmsKeyArn.apply(owner).orElse(masters.defaultArn());
        byte[] wrapped = store.write(tx -> tx.secrets().getOrCreate(PREFIX + owner, () -> {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            return masters.wrap(arn, fresh, owner);
        }));
        key = new SecretKeySpec(masters.unwrap(wrapped, owner), "AES");
        unwrapped.put(owner, key);
        return key;
    }

    /**
     * Re-wraps every data key not wrapped by the current version of its master key with that version (the blobs, which
     * the data keys encrypt, are not touched); returns how many were re-wrapped.
     */
    public int rotate() {
        Map<String, byte[]> all = store.read(tx -> tx.secrets().list(PREFIX));
        int rewrapped = 0;
        for (Map.Entry<String, byte[]> entry : all.entrySet()) {
            if (masters.isCurrent(entry.getValue())) {
                continue;
            }
            String owner = entry.getKey().substring(PREFIX.length());
            byte[] rewrappedKey =
                    masters.wrap(masters.arnOf(entry.getValue()), masters.unwrap(entry.getValue(), owner), owner);
            if (store.write((Transaction tx) -> tx.secrets().replace(entry.getKey(), entry.getValue(), rewrappedKey))) {
                rewrapped++;
            }
        }
        if (rewrapped > 0) {
            LOG.info("Re-wrapped {} data keys with the current versions of their master keys", rewrapped);
        }
        return rewrapped;
    }

    /** The master key a data store's data key is wrapped by, once it has one. */
    public Optional<String> masterKeyOf(String owner) {
        return Optional.ofNullable(
                        store.read(tx -> tx.secrets().list(PREFIX + owner)).get(PREFIX + owner))
                .map(masters::arnOf);
    }
}
