package org.openahi.conformance;

class SqliteSearchImageSetsIT extends SearchImageSetsContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
