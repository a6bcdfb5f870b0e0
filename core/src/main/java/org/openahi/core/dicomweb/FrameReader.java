package org.openahi.core.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.pixels.StoragePlan;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.codestream.Boxes;

/**
 * Reads stored frames the way DICOM carries them: HTJ2K frames (stored as JPH files, as GetImageFrame serves them)
 * as their bare codestream, other frames as stored; and, for clients asking for uncompressed pixels, HTJ2K
 * frames decoded to native little-endian samples, interleaved, kept in a bounded cache ({@link DecodedFrameCache}).
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
   * The frame's samples, native little-endian and interleaved ({@link #nativeAvailable} must hold); shared with
   * other requests, so read-only.
   */
  public byte[] decoded(StoredFrame frame, String storedTransferSyntaxUid) throws IOException, UnsupportedPixelsException {
    if (StoragePlan.NATIVE.contains(storedTransferSyntaxUid)) {
      return stored(frame);
    }
    if (!DECODABLE.contains(storedTransferSyntaxUid)) {
      throw new UnsupportedPixelsException("frames stored as " + storedTransferSyntaxUid + " cannot be decoded");
    }
    try {
      return decodedFrames.get(frame.blobKey(), () -> decode(frame));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private byte[] decode(StoredFrame frame) throws IOException {
    byte[] stored = stored(frame);
    Htj2kDecoder decoder = Optional.ofNullable(idleDecoders.poll()).orElseGet(Htj2kDecoder::new);
    try {
      return decoder.decode(stored).nativeBytes();
    } catch (Htj2kException e) {
      throw new IOException("Stored frame " + frame.frameId() + " cannot be decoded: " + e.getMessage(), e);
    } finally {
      idleDecoders.offer(decoder);
    }
  }

  private byte[] stored(StoredFrame frame) throws IOException {
    try (InputStream in = blobs.get(frame.blobKey())) {
      return in.readAllBytes();
    }
  }

  private static boolean isJph(StoredFrame frame) {
    return StoragePlan.HTJ2K_CONTENT_TYPE.equals(frame.contentType());
  }
}
