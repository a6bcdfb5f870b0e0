package org.openahi.core.exporting;

/** How far an export has come: instances selected, written, and failed. */
public record ExportProgress(long instances, long exported, long failed) {
    public static final ExportProgress NONE = new ExportProgress(0, 0, 0);
}
