package org.openahi.htj2k.pipeline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.openahi.htj2k.Htj2kException;

/**
 * Runs numbered jobs on the calling thread and up to {@code parallelism - 1} tasks on an executor the caller owns.
 * Each job writes only its own part of the output, so the result does not depend on which thread ran which job; a
 * failure is the one the sequential order would have met first (every job numbered below a failed one has run).
 */
final class ParallelJobs {

    @FunctionalInterface
    interface Job {
        /** Runs job {@code index} with the resources of worker {@code worker} (0 is the calling thread's). */
        void run(int worker, int index) throws Htj2kException;
    }

    private final ExecutorService executor;
    private final int parallelism;

    ParallelJobs(ExecutorService executor, int parallelism) {
        if (parallelism < 1 || (parallelism > 1 && executor == null)) {
            throw new IllegalArgumentException("parallelism " + parallelism + " needs an executor");
        }
        this.executor = executor;
        this.parallelism = parallelism;
    }

    int parallelism() {
        return parallelism;
    }

    void run(int count, Job job) throws Htj2kException {
        if (parallelism == 1 || count < 2) {
            for (int i = 0; i < count; i++) {
                job.run(0, i);
            }
            return;
        }
        Run run = new Run(count, job);
        for (int w = 1; w < Math.min(parallelism, count); w++) {
            int worker = w;
            executor.execute(() -> {
                if (run.enter()) {
                    try {
                        run.drain(worker);
                    } finally {
                        run.exit();
                    }
                }
            });
        }
        run.drain(0);
        // Helpers still queued behind other work find the jobs gone and return; running ones are waited for,
        // since they write into buffers the caller goes on to use.
        if (run.close()) {
            Thread.currentThread().interrupt();
        }
        run.rethrow();
    }

    private static final class Run {
        private final int count;
        private final Job job;
        private final AtomicInteger next = new AtomicInteger();
        private int failedAt = Integer.MAX_VALUE;
        private Throwable failure;
        private int active;
        private boolean closed;

        Run(int count, Job job) {
            this.count = count;
            this.job = job;
        }

        void drain(int worker) {
            for (int i = next.getAndIncrement(); i < count && i < failedAt(); i = next.getAndIncrement()) {
                try {
                    job.run(worker, i);
                } catch (Throwable e) {
                    fail(i, e);
                }
            }
        }

        private synchronized int failedAt() {
            return failedAt;
        }

        private synchronized void fail(int index, Throwable e) {
            if (index < failedAt) {
                failedAt = index;
                failure = e;
            }
        }

        synchronized boolean enter() {
            if (closed) {
                return false;
            }
            active++;
            return true;
        }

        synchronized void exit() {
            if (--active == 0) {
                notifyAll();
            }
        }

        /** No helper starts after this; waits for the running ones. Returns whether the wait was interrupted. */
        synchronized boolean close() {
            closed = true;
            boolean interrupted = false;
            while (active > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return interrupted;
        }

        synchronized void rethrow() throws Htj2kException {
            switch (failure) {
                case null -> {}
                case Htj2kException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException("parallel decoding failed", failure);
            }
        }
    }
}
