package org.openahi.conformance;

class PostgresDicomWebSearchIT extends DicomWebSearchContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
