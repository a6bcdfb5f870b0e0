package org.openahi.core.pixels;

/** What a frame to transcode arrives as. */
public enum PixelSource {
  NATIVE, RLE, HTJ2K
}
