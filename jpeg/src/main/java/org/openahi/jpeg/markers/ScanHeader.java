package org.openahi.jpeg.markers;

import java.util.List;
import org.openahi.jpeg.JpegException;

/**
 * A start-of-scan segment (T.81 B.2.3): the components of the scan with their entropy table selectors, and Ss, Se,
 * Ah, Al, which mean the spectral band and successive approximation bits in a progressive scan, the predictor (Ss)
 * and point transform (Al) in a lossless one, and nothing in a sequential DCT scan.
 *
 * @param offset     where the SOS marker starts, for messages
 * @param components the scan's components, in scan order (which is MCU order)
 * @param dcTables   DC (or lossless) Huffman table selector Td of each scan component
 * @param acTables   AC Huffman table selector Ta of each scan component
 */
public record ScanHeader(
        int offset, List<FrameComponent> components, int[] dcTables, int[] acTables, int ss, int se, int ah, int al) {

    /** T.81 B.2.3: an interleaved MCU holds at most 10 data units. */
    public static final int MAX_UNITS_IN_MCU = 10;

    public static ScanHeader read(Segment s, FrameHeader frame, int offset) throws JpegException {
        int count = s.u8();
        if (count < 1 || count > FrameHeader.MAX_COMPONENTS) {
            throw new JpegException("SOS declares " + count + " components", s.position() - 1);
        }
        FrameComponent[] components = new FrameComponent[count];
        int[] dc = new int[count];
        int[] ac = new int[count];
        int units = 0;
        for (int i = 0; i < count; i++) {
            int p = s.position();
            int id = s.u8();
            int tables = s.u8();
            FrameComponent found = null;
            for (FrameComponent c : frame.components()) {
                if (c.id() == id) {
                    found = c;
                }
            }
            if (found == null) {
                throw new JpegException("SOS names component " + id + ", which the frame header does not declare", p);
            }
            for (int j = 0; j < i; j++) {
                if (components[j] == found) {
                    throw new JpegException("SOS names component " + id + " twice", p);
                }
            }
            components[i] = found;
            dc[i] = tables >> 4;
            ac[i] = tables & 15;
            if (dc[i] > 3 || ac[i] > 3) {
                throw new JpegException(
                        "SOS selects Huffman tables " + dc[i] + "/" + ac[i] + " for component " + id
                                + " (0 to 3 exist)",
                        p + 1);
            }
            units += found.h() * found.v();
        }
        if (count > 1 && units > MAX_UNITS_IN_MCU) {
            throw new JpegException(
                    "SOS interleaves components whose MCU holds " + units + " data units (at most " + MAX_UNITS_IN_MCU
                            + ")",
                    offset);
        }
        int ss = s.u8();
        int se = s.u8();
        int a = s.u8();
        s.expectEnd();
        return new ScanHeader(offset, List.of(components), dc, ac, ss, se, a >> 4, a & 15);
    }

    /** One component per scan: each MCU is one data unit, rows follow the component's own size. */
    public boolean interleaved() {
        return components.size() > 1;
    }
}
