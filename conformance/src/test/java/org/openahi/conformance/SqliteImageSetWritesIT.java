package org.openahi.conformance;

class SqliteImageSetWritesIT extends ImageSetWritesContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
