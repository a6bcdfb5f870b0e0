package org.openahi.core.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.blob.ExactLengthInputStream;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.pixels.StoragePlan;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.codestream.Boxes;

/**
 * Reads stored frames the way DICOM carries them: HTJ2K frames (stored as JPH files, as GetImageFrame serves them)
 * as their bare codestream, other frames as stored; and, for clients asking for uncompressed pixels, HTJ2K
 * frames decoded to native little-endian samples, kept in a bounded cache ({@link DecodedFrameCache}).
 */
public final class FrameReader {
  private static final int JPH_HEAD_BYTES = 4096;
  private static final Set<String> DECODABLE = Set.of("1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202");
  /**
   * Decoders kept between requests, with their working buffers: requests run on virtual threads, one per request,
   * so a thread-local decoder (and its buffers) would be made anew for every request.
   */
  private static final int IDLE_DECODERS = Runtime.getRuntime().availableProcessors();

  private final BlobStore blobs;
  private final DecodedFrameCache decodedFrames;
  private final BlockingQueue<Htj2kDecoder> idleDecoders = new ArrayBlockingQueue<>(IDLE_DECODERS);

  /** @param decodedCacheBytes the most decoded frame bytes kept for later requests ({@code 0}: none) */
  public FrameReader(BlobStore blobs, long decodedCacheBytes) {
    this.blobs = blobs;
    this.decodedFrames = new DecodedFrameCache(decodedCacheBytes);
  }

  /** Whether frames stored in the transfer syntax can be sent as native pixels (Explicit VR Little Endian). */
  public static boolean nativeAvailable(String storedTransferSyntaxUid) {
    return DECODABLE.contains(storedTransferSyntaxUid) || StoragePlan.NATIVE.contains(storedTransferSyntaxUid);
  }

  /** The frame as an encapsulated fragment holds it. */
  public byte[] encoded(StoredFrame frame) throws IOException {
    byte[] stored = stored(frame);
    if (!isJph(frame)) {
      return stored;
    }
    try {
      return Boxes.codestream(stored);
    } catch (Htj2kException e) {
      throw new IOException("Stored frame " + frame.frameId() + " is not a JPH file: " + e.getMessage(), e);
    }
  }

  /** The length of {@link #encoded}, reading only the head of a JPH file. */
  public long encodedLength(StoredFrame frame) throws IOException {
    if (!isJph(frame)) {
      return frame.size();
    }
    byte[] head;
    try (InputStream in = blobs.get(frame.blobKey())) {
      head = in.readNBytes(JPH_HEAD_BYTES);
    }
    try {
      return Boxes.codestreamRange(head, frame.size())[1];
    } catch (Htj2kException e) {
      throw new IOException("Stored frame " + frame.frameId() + " is not a JPH file: " + e.getMessage(), e);
    }
  }

  /**
   * The frame's samples as native pixel data, little-endian ({@link #nativeAvailable} must hold): stored native
   * frames as they are; HTJ2K frames decoded, interleaved, or colour plane by colour plane when the instance's Planar
   * Configuration says so. Shared with other requests, so read-only.
   */
  public byte[] decoded(StoredFrame frame, StoredFrames instance) throws IOException, UnsupportedPixelsException {
    if (StoragePlan.NATIVE.contains(instance.transferSyntaxUid())) {
      return stored(frame);
    }
    if (!DECODABLE.contains(instance.transferSyntaxUid())) {
      throw new UnsupportedPixelsException("frames stored as " + instance.transferSyntaxUid() + " cannot be decoded");
    }
    try {
      // A blob is one instance's frame, so its planar configuration is the same at every request.
      return decodedFrames.get(frame.blobKey(), () -> decode(frame, instance.planar()));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private byte[] decode(StoredFrame frame, boolean planar) throws IOException {
    byte[] stored = stored(frame);
    Htj2kDecoder decoder = Optional.ofNullable(idleDecoders.poll()).orElseGet(Htj2kDecoder::new);
    DecodedImage image;
    try {
      image = decoder.decode(stored);
    } catch (Htj2kException e) {
      throw new IOException("Stored frame " + frame.frameId() + " cannot be decoded: " + e.getMessage(), e);
    } finally {
      idleDecoders.offer(decoder);
    }
    return planar && image.components() > 1 ? planar(image) : image.nativeBytes();
  }

  /** Interleaved samples (RGBRGB...) rearranged as planes (RR..GG..BB..). */
  private static byte[] planar(DecodedImage image) {
    byte[] interleaved = image.nativeBytes();
    int bytes = image.bytesPerSample();
    int components = image.components();
    int pixels = interleaved.length / (bytes * components);
    byte[] planes = new byte[interleaved.length];
    for (int pixel = 0; pixel < pixels; pixel++) {
      for (int component = 0; component < components; component++) {
        System.arraycopy(interleaved, (pixel * components + component) * bytes, planes,
            (component * pixels + pixel) * bytes, bytes);
      }
    }
    return planes;
  }

  /** The stored bytes; an IOException when the blob does not hold the bytes the frame was stored with. */
  private byte[] stored(StoredFrame frame) throws IOException {
    try (InputStream in = new ExactLengthInputStream(blobs.get(frame.blobKey()), frame.size(),
        "Stored frame " + frame.frameId())) {
      return in.readAllBytes();
    }
  }

  private static boolean isJph(StoredFrame frame) {
    return StoragePlan.HTJ2K_CONTENT_TYPE.equals(frame.contentType());
  }
}
