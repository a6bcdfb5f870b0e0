/**
 * The pixel pipeline: the transfer-syntax table (what import does with each syntax), one {@link FrameCodec} adapter
 * per codec module, and {@link FrameTranscoder}, which turns a frame into the data store's lossless format and proves
 * it decodes back to the same samples, then hands those samples to a {@link DecodedFrameSink} (DICOMweb's decoded
 * frames on disk) once the frame is stored.
 */
package org.openahi.core.pixels;
