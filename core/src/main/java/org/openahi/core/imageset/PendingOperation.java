package org.openahi.core.imageset;

/**
 * Background work a write left LOCKED: the image set version it completes, what to do and the request
 * (JSON) needed to do it, so the work survives a restart.
 */
public record PendingOperation(String imageSetId, int version, Kind kind, String request) {

  public enum Kind {
    UPDATE, COPY, DELETE
  }

  /** The key of the work item: image set and version. */
  public record Key(String imageSetId, int version) {
  }

  public Key key() {
    return new Key(imageSetId, version);
  }
}
