package org.openahi.conformance;

class PostgresDatastoreOperationsIT extends DatastoreOperationsContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
