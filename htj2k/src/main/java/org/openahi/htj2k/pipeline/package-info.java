/**
 * The codec pipelines the root package's encoders and decoder drive: {@link org.openahi.htj2k.pipeline.FrameDecoder}
 * (packets, code-blocks, dequantisation, inverse wavelet, colour, clamping) and
 * {@link org.openahi.htj2k.pipeline.FrameEncoder} (the lossless encoder both codestream kinds share), with the pool
 * they share an image's work out on. Not part of the module's API: callers use {@code org.openahi.htj2k}.
 */
package org.openahi.htj2k.pipeline;
