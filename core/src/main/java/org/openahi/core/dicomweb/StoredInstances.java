package org.openahi.core.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.metadata.InstanceDataset;
import org.openahi.core.pixels.StoragePlan;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;

/**
 * Rebuilds a stored instance as a DICOM data set from its metadata and its frames, in the stored transfer syntax
 * (frames as stored, HTJ2K as codestreams) or in a native one (frames decoded). Frames are read as the data set is
 * written, one decoded frame in memory at a time, so an instance of any size streams in constant memory. WADO-RS
 * instance retrieval and the DICOM listener's C-MOVE and C-GET send what this builds.
 */
public final class StoredInstances {
  private final DicomWebReads reads;
  private final FrameReader frames;

  public StoredInstances(DicomWebReads reads, FrameReader frames) {
    this.reads = reads;
    this.frames = frames;
  }

  /** An instance rebuilt: its File Meta Information and its data set, Pixel Data included. */
  public record Rebuilt(Dataset fileMeta, Dataset dataset) {
  }

  /**
   * The instance with its Pixel Data for {@code transferSyntaxUid}: the stored syntax, or a native one when the frames
   * can be decoded ({@link FrameReader#nativeAvailable}).
   */
  public Rebuilt rebuild(DicomWebReads.SeriesView series, String sopInstanceUid, String transferSyntaxUid)
      throws IOException {
    InstanceDataset instance = series.instance(sopInstanceUid);
    boolean decode = !transferSyntaxUid.equals(instance.frames().transferSyntaxUid());
    Dataset dataset = instance.dataset();
    List<StoredFrame> stored = new ArrayList<>();
    for (String frameId : instance.frames().frameIds()) {
      stored.add(reads.frame(series.imageSet(), frameId));
    }
    if (!stored.isEmpty()) {
      dataset.put(pixelData(instance, stored, decode));
    }
    return new Rebuilt(instance.fileMeta(), dataset);
  }

  private Element pixelData(InstanceDataset instance, List<StoredFrame> stored, boolean decode) throws IOException {
    String storedSyntax = instance.frames().transferSyntaxUid();
    if (!decode && !StoragePlan.NATIVE.contains(storedSyntax)) {
      List<BulkData> fragments = new ArrayList<>();
      for (StoredFrame frame : stored) {
        fragments.add(BulkData.of(frames.encodedLength(frame), () -> new ByteArrayInputStream(frames.encoded(frame))));
      }
      return Element.of(Tag.PixelData, VR.OB, Fragments.ofFrames(fragments));
    }
    Dataset attributes = instance.dataset();
    int bitsAllocated = attributes.getInt(Tag.BitsAllocated, 16);
    long frameLength = (long) attributes.getInt(Tag.Rows, 0) * attributes.getInt(Tag.Columns, 0)
        * attributes.getInt(Tag.SamplesPerPixel, 1) * ((bitsAllocated + 7) / 8);
    List<BulkData> nativeFrames = new ArrayList<>();
    for (StoredFrame frame : stored) {
      nativeFrames.add(BulkData.of(frameLength, () -> new ByteArrayInputStream(nativeFrame(frame, storedSyntax,
          frameLength))));
    }
    long total = frameLength * stored.size();
    BulkData all = BulkData.of(total, () -> new SequenceInputStream(openedInTurn(nativeFrames)));
    return Element.of(Tag.PixelData, bitsAllocated > 8 ? VR.OW : VR.OB, all);
  }

  private byte[] nativeFrame(StoredFrame frame, String storedSyntax, long expectedLength) throws IOException {
    byte[] pixels;
    try {
      pixels = frames.decoded(frame, storedSyntax);
    } catch (UnsupportedPixelsException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (pixels.length != expectedLength) {
      throw new IOException("Frame " + frame.frameId() + " decodes to " + pixels.length + " bytes; the attributes "
          + "say " + expectedLength);
    }
    return pixels;
  }

  /** Each part opened only when the previous one is exhausted, so one decoded frame is in memory at a time. */
  private static Enumeration<InputStream> openedInTurn(List<BulkData> parts) {
    Iterator<BulkData> remaining = parts.iterator();
    return new Enumeration<>() {
      @Override
      public boolean hasMoreElements() {
        return remaining.hasNext();
      }

      @Override
      public InputStream nextElement() {
        try {
          return remaining.next().openStream();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
