package org.openahi.core.pixels;

import java.util.OptionalLong;
import java.util.zip.CRC32;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kEncoder;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.ImageDescription;

/**
 * Turns one frame into HTJ2K lossless and proves it: the frame is decoded to samples (native, RLE or
 * HTJ2K), encoded, decoded again and compared sample by sample with the original before anything is
 * stored — AHI's pixel data verification. The CRC32 of the decoded buffer (samples interleaved,
 * little-endian, ceil(BitsStored/8) bytes each) is the checksum clients verify. Frames are stored as JPH files
 * (the codestream in JP2-family boxes), as AHI serves them to clients that read them in JP2 mode.
 */
public final class FrameTranscoder {
  // Codecs keep their buffers between frames; each import worker thread has its own.
  private static final ThreadLocal<Htj2kEncoder> ENCODERS = ThreadLocal.withInitial(Htj2kEncoder::new);
  private static final ThreadLocal<Htj2kDecoder> DECODERS = ThreadLocal.withInitial(Htj2kDecoder::new);

  /** The frame as native pixel data, little-endian and interleaved (RLE frames decoded). */
  public byte[] toNative(byte[] frame, StoragePlan.StoreNative plan) throws UnsupportedPixelsException {
    return plan.source() == PixelSource.RLE ? RleDecoder.decode(frame, plan.layout()) : frame;
  }

  public EncodedFrame transcode(byte[] frame, StoragePlan.Transcode plan)
      throws UnsupportedPixelsException, PixelVerificationException {
    Htj2kEncoder encoder = ENCODERS.get();
    Htj2kDecoder decoder = DECODERS.get();
    PixelLayout layout = plan.layout();
    Samples samples = switch (plan.source()) {
      case NATIVE -> Samples.ofNative(frame, layout);
      case RLE -> Samples.ofNative(RleDecoder.decode(frame, layout), withPlanar(layout, false));
      case HTJ2K -> decodeSource(decoder, frame, layout);
    };
    ImageDescription description = new ImageDescription(layout.columns(), layout.rows(), layout.samplesPerPixel(),
        samples.bitsStored(), samples.signed());
    try {
      byte[] stored = Htj2kEncoder.wrapJph(encoder.encode(description, samples.container(), 0,
          samples.bitsPerContainer()), description);
      DecodedImage decoded = decoder.decode(stored);
      samples.verify(decoded.samples());
      byte[] decodedBuffer = decoded.nativeBytes();
      CRC32 crc = new CRC32();
      crc.update(decodedBuffer);
      return new EncodedFrame(stored, decodedBuffer.length, OptionalLong.of(samples.min()),
          OptionalLong.of(samples.max()), layout.columns(), layout.rows(), crc.getValue());
    } catch (Htj2kException e) {
      throw new UnsupportedPixelsException("HTJ2K encoding failed: " + e.getMessage());
    }
  }

  private static Samples decodeSource(Htj2kDecoder decoder, byte[] frame, PixelLayout layout)
      throws UnsupportedPixelsException {
    try {
      DecodedImage image = decoder.decode(frame);
      if (image.width() != layout.columns() || image.height() != layout.rows()
          || image.components() != layout.samplesPerPixel()) {
        throw new UnsupportedPixelsException("the HTJ2K frame is " + image.width() + "x" + image.height() + "x"
            + image.components() + " but the data set says " + layout.columns() + "x" + layout.rows() + "x"
            + layout.samplesPerPixel());
      }
      return Samples.ofDecoded(image, layout);
    } catch (Htj2kException e) {
      throw new UnsupportedPixelsException("the HTJ2K frame cannot be decoded: " + e.getMessage());
    }
  }

  private static PixelLayout withPlanar(PixelLayout layout, boolean planar) {
    return new PixelLayout(layout.rows(), layout.columns(), layout.samplesPerPixel(), layout.bitsAllocated(),
        layout.bitsStored(), layout.highBit(), layout.signed(), planar, layout.photometricInterpretation(),
        layout.numberOfFrames());
  }
}
