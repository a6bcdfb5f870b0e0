/**
 * The frame pipeline {@link org.openahi.jpeg.JpegDecoder} drives: markers, scans of every process, coefficients and
 * the interleaved output. Not part of the module's API: callers use {@code org.openahi.jpeg}.
 */
package org.openahi.jpeg.pipeline;
