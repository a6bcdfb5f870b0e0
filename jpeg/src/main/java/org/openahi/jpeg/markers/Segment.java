package org.openahi.jpeg.markers;

import org.openahi.jpeg.JpegException;

/** The parameters of one marker segment (after its length field), read in order with bounds checks. */
public final class Segment {

    private final byte[] data;
    private final int marker;
    private final int end;
    private int pos;

    Segment(byte[] data, int marker, int start, int end) {
        this.data = data;
        this.marker = marker;
        this.pos = start;
        this.end = end;
    }

    public int marker() {
        return marker;
    }

    /** Offset in the frame of the next byte to read. */
    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public int u8() throws JpegException {
        if (pos >= end) {
            throw new JpegException(Markers.name(marker) + " segment is too short for its parameters", pos);
        }
        return data[pos++] & 0xFF;
    }

    public int u16() throws JpegException {
        return u8() << 8 | u8();
    }

    /** The next {@code n} bytes, which must be in the segment. */
    public byte[] bytes(int n) throws JpegException {
        if (n > end - pos) {
            throw new JpegException(Markers.name(marker) + " segment is too short for its parameters", pos);
        }
        byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** A segment whose declared length disagrees with its parameters is refused, as T.81 defines the length. */
    public void expectEnd() throws JpegException {
        if (pos != end) {
            throw new JpegException(
                    Markers.name(marker) + " segment length disagrees with its parameters (" + (end - pos)
                            + " bytes left over)",
                    pos);
        }
    }
}
