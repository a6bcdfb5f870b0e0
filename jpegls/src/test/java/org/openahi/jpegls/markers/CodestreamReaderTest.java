package org.openahi.jpegls.markers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.openahi.jpegls.Interleave;
import org.openahi.jpegls.JpegLsException;

/** Marker segments built by hand: what is read from them, and each malformed one refused with its reason. */
class CodestreamReaderTest {

    private static final byte[] SOI = {(byte) 0xFF, (byte) 0xD8};
    private static final byte[] EOI = {(byte) 0xFF, (byte) 0xD9};
    /** Scan data: stuffed 0xFF, a restart marker inside the scan. */
    private static final byte[] DATA = {0x12, (byte) 0xFF, 0x7F, 0x00, (byte) 0xFF, (byte) 0xD0, 0x34};

    @Test
    void readsFrameScansAndTheExtentOfTheirData() throws JpegLsException {
        byte[] stream = stream(
                sof(8, 3, 2, 1, 2, 3),
                lse(1, 0, 5, 0, 0, 100),
                dri(2, 1),
                sos(2, 1, 1, 2),
                DATA,
                sos(0, 0, 3),
                DATA,
                EOI);
        Codestream codestream = CodestreamReader.read(stream);
        assertThat(codestream.frame()).isEqualTo(new FrameHeader(8, 3, 2, 3));
        assertThat(codestream.customPresets()).isTrue();
        ScanHeader first = codestream.scans().get(0);
        assertThat(first.components()).containsExactly(0, 1);
        assertThat(first.near()).isEqualTo(2);
        assertThat(first.interleave()).isEqualTo(Interleave.LINE);
        assertThat(first.parameters()).isEqualTo(new PresetParameters(255, 5, 17, 35, 100));
        assertThat(first.restartInterval()).isEqualTo(1);
        assertThat(first.dataEnd() - first.dataStart()).isEqualTo(DATA.length);
        ScanHeader second = codestream.scans().get(1);
        assertThat(second.components()).containsExactly(2);
        assertThat(second.interleave()).isEqualTo(Interleave.NONE);
    }

    @Test
    void malformedSegmentsAreRefusedWithTheirReason() {
        refused(0x0111, "a second SOI", stream(SOI, EOI));
        refused(0x011B, "restart marker FFD3 outside a scan", stream(new byte[] {(byte) 0xFF, (byte) 0xD3}, EOI));
        refused(0x0112, "marker FFC4 is not allowed", stream(new byte[] {(byte) 0xFF, (byte) 0xC4, 0, 2}, EOI));
        refused(0x0113, "EOI before any SOF55", stream(EOI));
        refused(0x0115, "component 2 is in no scan", stream(sof(8, 1, 1, 1, 2), sos(0, 0, 1), DATA, EOI));
        refused(0x0116, "the data ends before an EOI marker", stream(sof(8, 1, 1, 1)));
        refused(0x0117, "expected a marker, found byte 0x12", stream(new byte[] {0x12}));
        refused(0x011A, "has length 200", stream(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, (byte) 200}));
        refused(0x0120, "a second SOF55", stream(sof(8, 1, 1, 1), sof(8, 1, 1, 1), EOI));
        refused(0x0122, "P=17", stream(sof(17, 1, 1, 1), EOI));
        refused(0x0124, "component id 1 appears twice", stream(sof(8, 1, 1, 1, 1), EOI));
        byte[] subsampled = sof(8, 1, 1, 1);
        subsampled[11] = 0x21;
        refused(0x0125, "sub-sampled (H=2, V=1)", stream(subsampled, EOI));
        refused(
                0x0132,
                "LSE type 5 belongs to JPEG-LS Part 2",
                stream(new byte[] {(byte) 0xFF, (byte) 0xF8, 0, 3, 5}, EOI));
        refused(
                0x0135,
                "continuation of mapping table 4",
                stream(new byte[] {(byte) 0xFF, (byte) 0xF8, 0, 6, 3, 4, 1, 9}, EOI));
        refused(0x0140, "SOS before the SOF55", stream(sos(0, 0, 1), DATA, EOI));
        refused(0x0141, "width is 0", stream(sof(8, 0, 1, 1), sos(0, 0, 1), DATA, EOI));
        refused(0x0143, "component 7, which SOF55 does not declare", stream(sof(8, 1, 1, 1), sos(0, 0, 7), DATA, EOI));
        refused(
                0x0144,
                "component 1 is coded by a second scan",
                stream(sof(8, 1, 1, 1), sos(0, 0, 1), DATA, sos(0, 0, 1), DATA, EOI));
        refused(0x0146, "ILV=3", stream(sof(8, 1, 1, 1, 2), sos(0, 3, 1, 2), DATA, EOI));
        refused(0x0147, "ILV=0 with 2 components", stream(sof(8, 1, 1, 1, 2), sos(0, 0, 1, 2), DATA, EOI));
        byte[] pointTransform = sos(0, 0, 1);
        pointTransform[pointTransform.length - 1] = 2;
        refused(0x0148, "point transform Pt=2", stream(sof(8, 1, 1, 1), pointTransform, DATA, EOI));
        refused(0x0102, "NEAR 128", stream(sof(8, 1, 1, 1), sos(128, 0, 1), DATA, EOI));
        refused(0x0114, "height is 0 and no DNL", stream(sof(8, 1, 0, 1), sos(0, 0, 1), DATA, EOI));
        refused(
                0x0150,
                "DNL marker segment other than",
                stream(sof(8, 1, 1, 1), sos(0, 0, 1), DATA, new byte[] {(byte) 0xFF, (byte) 0xDC, 0, 4, 0, 1}, EOI));
        refused(
                0x0152,
                "HP colour transform 1",
                stream(new byte[] {(byte) 0xFF, (byte) 0xE8, 0, 7, 'm', 'r', 'f', 'x', 1}, EOI));
    }

    private static void refused(int code, String reason, byte[] stream) {
        assertThatThrownBy(() -> CodestreamReader.read(stream))
                .isInstanceOf(JpegLsException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((JpegLsException) e).code()).isEqualTo(code));
    }

    /** SOI, then the parts. */
    private static byte[] stream(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SOI);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] sof(int precision, int width, int height, int... ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {
            (byte) 0xFF,
            (byte) 0xF7,
            0,
            (byte) (8 + 3 * ids.length),
            (byte) precision,
            (byte) (height >> 8),
            (byte) height,
            (byte) (width >> 8),
            (byte) width,
            (byte) ids.length
        });
        for (int id : ids) {
            out.writeBytes(new byte[] {(byte) id, 0x11, 0});
        }
        return out.toByteArray();
    }

    private static byte[] sos(int near, int ilv, int... ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, (byte) (6 + 2 * ids.length), (byte) ids.length});
        for (int id : ids) {
            out.writeBytes(new byte[] {(byte) id, 0});
        }
        out.writeBytes(new byte[] {(byte) near, (byte) ilv, 0});
        return out.toByteArray();
    }

    private static byte[] lse(int type, int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xF8, 0, (byte) (3 + 2 * values.length), (byte) type});
        for (int v : values) {
            out.writeBytes(new byte[] {(byte) (v >> 8), (byte) v});
        }
        return out.toByteArray();
    }

    private static byte[] dri(int bytes, int interval) {
        byte[] out = {(byte) 0xFF, (byte) 0xDD, 0, (byte) (2 + bytes), 0, 0, 0, 0};
        for (int i = 0; i < bytes; i++) {
            out[4 + i] = (byte) (interval >> 8 * (bytes - 1 - i));
        }
        return java.util.Arrays.copyOf(out, 4 + bytes);
    }
}
