package org.openahi.conformance;

class PostgresSearchImageSetsIT extends SearchImageSetsContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
