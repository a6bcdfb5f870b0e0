package org.openahi.core.pixels;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kEncoder;
import org.openahi.htj2k.J2kEncoder;

/**
 * The JPEG 2000 family coders, each sharing one frame's code-blocks (and the decoder its wavelet rows) between the
 * calling thread and these helper threads: one request, one STOW-RS instance or one DIMSE association then uses every
 * core of an otherwise idle server, and a frame is stored or served in about half the time on two cores. Under load
 * the helpers are busy with other frames and each caller codes its own frame (the output is the same bytes either
 * way). Daemon threads living as long as the process, like the coders kept with their buffers between frames.
 */
final class CodecThreads {
  private static final int PARALLELISM = Runtime.getRuntime().availableProcessors();
  private static final ExecutorService HELPERS = PARALLELISM > 1 ? helpers(PARALLELISM - 1) : null;

  private CodecThreads() {}

  static Htj2kDecoder decoder() {
    return new Htj2kDecoder(Htj2kDecoder.DEFAULT_MAX_SAMPLES, HELPERS, PARALLELISM);
  }

  static Htj2kEncoder encoder() {
    return new Htj2kEncoder(HELPERS, PARALLELISM);
  }

  static J2kEncoder j2kEncoder() {
    return new J2kEncoder(HELPERS, PARALLELISM);
  }

  private static ExecutorService helpers(int count) {
    AtomicInteger number = new AtomicInteger();
    return Executors.newFixedThreadPool(count, task -> {
      Thread thread = new Thread(task, "openahi-codec-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}
