package org.openahi.bench.api;

import java.util.function.Supplier;

/** One row of the load table: an operation, what its requests ask for, and where each next request comes from. */
record Workload(String operation, String what, Supplier<byte[]> requests) {}
