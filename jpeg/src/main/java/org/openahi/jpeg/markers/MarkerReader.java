package org.openahi.jpeg.markers;

import org.openahi.jpeg.JpegException;

/**
 * Walks the markers of a JPEG stream: finds the next marker (skipping 0xFF fill bytes, and bytes that are not a
 * marker, which some encoders leave after entropy-coded data) and hands out marker segments with checked lengths.
 * Entropy-coded data is read by the scan decoders, which then {@link #seek} past it.
 */
public final class MarkerReader {

    private final byte[] data;
    private int pos;
    private int markerOffset = -1;

    /** Starts after the SOI marker, which must open the stream. */
    public MarkerReader(byte[] data) throws JpegException {
        this.data = data;
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != Markers.SOI) {
            throw new JpegException("the stream does not start with an SOI marker (0xFFD8)", 0);
        }
        pos = 2;
    }

    /** The next marker's code, or -1 when the data ends first; {@link #markerOffset()} is where it starts. */
    public int next() {
        while (pos + 1 < data.length) {
            if ((data[pos] & 0xFF) != 0xFF) {
                pos++;
                continue;
            }
            int code = data[pos + 1] & 0xFF;
            if (code == 0xFF) {
                pos++;
                continue;
            }
            if (code == 0x00) {
                pos += 2;
                continue;
            }
            markerOffset = pos;
            pos += 2;
            return code;
        }
        pos = data.length;
        return -1;
    }

    /** Where the last marker returned by {@link #next()} starts. */
    public int markerOffset() {
        return markerOffset;
    }

    /** The segment of the marker just read: its length field is checked against the data. */
    public Segment segment(int marker) throws JpegException {
        if (pos + 2 > data.length) {
            throw new JpegException("the stream ends inside the length of " + Markers.name(marker), markerOffset);
        }
        int length = (data[pos] & 0xFF) << 8 | (data[pos + 1] & 0xFF);
        if (length < 2) {
            throw new JpegException(Markers.name(marker) + " has length " + length + ", below its own 2 bytes", pos);
        }
        if (pos + length > data.length) {
            throw new JpegException(
                    Markers.name(marker) + " segment of " + length + " bytes runs past the end of the " + (data.length)
                            + "-byte stream",
                    markerOffset);
        }
        Segment segment = new Segment(data, marker, pos + 2, pos + length);
        pos += length;
        return segment;
    }

    /** Skips a segment whose parameters are not needed. */
    public void skip(int marker) throws JpegException {
        segment(marker);
    }

    public int position() {
        return pos;
    }

    /** Continues reading markers at {@code position} (after a scan's entropy-coded data). */
    public void seek(int position) {
        pos = position;
    }
}
