package org.openahi.core.importing;

/** A job that cannot be done at all (unreadable input, over the job limits); it ends FAILED with this message. */
public final class JobFailedException extends Exception {
  public JobFailedException(String message) {
    super(message);
  }

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
