package org.openahi.conformance;

class SqliteDatastoreOperationsIT extends DatastoreOperationsContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
