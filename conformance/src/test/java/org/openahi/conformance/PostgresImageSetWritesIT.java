package org.openahi.conformance;

class PostgresImageSetWritesIT extends ImageSetWritesContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
