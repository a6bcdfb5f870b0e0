package org.openahi.jpeg;

import org.openahi.jpeg.markers.Markers;

/** The coding process of a frame, from its start-of-frame marker (T.81 Table B.1); all with Huffman coding. */
public enum JpegProcess {
    /** SOF0: baseline sequential DCT, 8-bit (process 1; DICOM 1.2.840.10008.1.2.4.50). */
    BASELINE(Markers.SOF0),
    /** SOF1: extended sequential DCT, 8- or 12-bit (processes 2 and 4; DICOM .51). */
    EXTENDED(Markers.SOF1),
    /** SOF2: progressive DCT, spectral selection and successive approximation (processes 10 to 12; retired .53/.55). */
    PROGRESSIVE(Markers.SOF2),
    /** SOF3: lossless (process 14; DICOM .57, and .70 for predictor 1). */
    LOSSLESS(Markers.SOF3);

    private final int marker;

    JpegProcess(int marker) {
        this.marker = marker;
    }

    /** The byte after 0xFF of the frame's SOF marker. */
    public int sofMarker() {
        return marker;
    }

    /** The process whose SOF marker is {@code marker} (the byte after 0xFF). */
    public static JpegProcess of(int marker) {
        for (JpegProcess p : values()) {
            if (p.marker == marker) {
                return p;
            }
        }
        throw new IllegalArgumentException(Markers.name(marker));
    }
}
