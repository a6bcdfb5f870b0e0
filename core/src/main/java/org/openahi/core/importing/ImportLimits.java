package org.openahi.core.importing;

/** AHI's per-job limits (ahi-behaviour §12.2), configurable: files per job, bytes per job, bytes per file. */
public record ImportLimits(int maxFiles, long maxJobBytes, long maxFileBytes) {
    public static final ImportLimits AHI = new ImportLimits(5_000, 10L << 30, 4L << 30);
}
