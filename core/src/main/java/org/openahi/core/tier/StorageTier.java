package org.openahi.core.tier;

/** AHI's storage tiers: an image set moves to the archive tier when nobody read it for a while, and back when read. */
public enum StorageTier {
    FREQUENT_ACCESS,
    ARCHIVE_INSTANT_ACCESS
}
