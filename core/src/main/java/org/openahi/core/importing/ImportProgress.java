package org.openahi.core.importing;

/** How far a job has come: files found under the input, imported, and failed. */
public record ImportProgress(long scanned, long imported, long failed) {
    public static final ImportProgress NONE = new ImportProgress(0, 0, 0);

    public long processed() {
        return imported + failed;
    }
}
