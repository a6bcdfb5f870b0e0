package org.openahi.core.pixels;

/** The encoded frame did not decode back to the original pixels: a server fault, never stored. */
public final class PixelVerificationException extends Exception {
    public PixelVerificationException(String message) {
        super(message);
    }
}
