package org.openahi.core.store;

import org.openahi.core.datastore.DatastoreRepository;
import org.openahi.core.tag.TagRepository;

/** The repositories of one metadata-store transaction. */
public interface Transaction {

  DatastoreRepository datastores();

  TagRepository tags();

  IdempotencyRepository idempotency();

  SecretRepository secrets();
}
