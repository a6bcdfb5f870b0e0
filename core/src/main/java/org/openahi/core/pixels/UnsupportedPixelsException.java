package org.openahi.core.pixels;

/** Pixel data openahi cannot store as asked: the reason goes to the file's FAILURE line. */
public final class UnsupportedPixelsException extends Exception {
    public UnsupportedPixelsException(String message) {
        super(message);
    }
}
