package org.openahi.htj2k;

import java.util.concurrent.Executors;

/**
 * A decoder that shares each image out over four tasks on a pool of daemon threads, for the tests that check that
 * decoding on several threads gives what one thread gives. Like every decoder, not for concurrent use.
 */
final class ParallelDecoder {

    static final Htj2kDecoder FOUR_TASKS = new Htj2kDecoder(
            Htj2kDecoder.DEFAULT_MAX_SAMPLES,
            Executors.newFixedThreadPool(3, task -> {
                Thread thread = new Thread(task, "parallel-decoder-test");
                thread.setDaemon(true);
                return thread;
            }),
            4);

    private ParallelDecoder() {}
}
