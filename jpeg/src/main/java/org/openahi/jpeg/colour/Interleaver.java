package org.openahi.jpeg.colour;

import org.openahi.jpeg.image.Plane;
import org.openahi.jpeg.markers.FrameComponent;
import org.openahi.jpeg.markers.FrameHeader;

/**
 * Writes the decoded image in DICOM's native layout: every component brought to full resolution
 * ({@link Upsampler}), optionally converted from YCbCr to RGB, interleaved, 1 byte per sample up to 8 bits of
 * precision, else 2 little-endian.
 */
public final class Interleaver {

  private Interleaver() {
  }

  /**
   * @param planes the components' samples, in frame order
   * @param shifts left shift of each component's samples (the lossless point transform of its scan)
   * @param toRgb  convert three components from YCbCr to RGB
   */
  public static byte[] assemble(FrameHeader frame, Plane[] planes, int[] shifts, boolean toRgb) {
    int width = frame.width();
    int height = frame.height();
    int n = frame.components().size();
    int bytes = frame.precision() > 8 ? 2 : 1;
    int sampleBits = frame.precision() <= 8 ? 8 : frame.precision() <= 12 ? 12 : 16;
    Upsampler[] upsamplers = new Upsampler[n];
    int[][] lines = new int[n][width];
    for (FrameComponent c : frame.components()) {
      upsamplers[c.index()] = new Upsampler(planes[c.index()], c.h(), c.v(), frame.maxH(), frame.maxV(), width,
          !frame.lossless(), shifts[c.index()]);
    }
    byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width * n, height), bytes)];
    int o = 0;
    for (int y = 0; y < height; y++) {
      for (int c = 0; c < n; c++) {
        upsamplers[c].line(y, lines[c]);
      }
      if (toRgb && n == 3) {
        YbrToRgb.convert(lines[0], lines[1], lines[2], width, sampleBits);
      }
      o = bytes == 1 ? write8(lines, width, out, o) : write16(lines, width, out, o);
    }
    return out;
  }

  private static int write8(int[][] lines, int width, byte[] out, int o) {
    if (lines.length == 1) {
      int[] a = lines[0];
      for (int x = 0; x < width; x++) {
        out[o++] = (byte) a[x];
      }
    } else if (lines.length == 3) {
      int[] a = lines[0];
      int[] b = lines[1];
      int[] c = lines[2];
      for (int x = 0; x < width; x++) {
        out[o] = (byte) a[x];
        out[o + 1] = (byte) b[x];
        out[o + 2] = (byte) c[x];
        o += 3;
      }
    } else {
      for (int x = 0; x < width; x++) {
        for (int[] line : lines) {
          out[o++] = (byte) line[x];
        }
      }
    }
    return o;
  }

  private static int write16(int[][] lines, int width, byte[] out, int o) {
    for (int x = 0; x < width; x++) {
      for (int[] line : lines) {
        int v = line[x];
        out[o++] = (byte) v;
        out[o++] = (byte) (v >> 8);
      }
    }
    return o;
  }
}
