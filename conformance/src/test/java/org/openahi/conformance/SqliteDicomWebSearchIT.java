package org.openahi.conformance;

class SqliteDicomWebSearchIT extends DicomWebSearchContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
