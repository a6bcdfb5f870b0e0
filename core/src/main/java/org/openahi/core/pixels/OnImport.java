package org.openahi.core.pixels;

/** What import does with frames that arrive in a transfer syntax (AHI's rules, ahi-behaviour §8.4). */
public enum OnImport {
    /**
     * Decoded and stored in the data store's lossless format, verified; refused as an unsupported transfer syntax when
     * openahi has no decoder for it.
     */
    TRANSCODE,
    /** Stored as they arrived, one blob per frame. */
    KEEP,
    /** Stored as they arrived, the whole stream as one frame whatever NumberOfFrames says (video). */
    KEEP_STREAM
}
