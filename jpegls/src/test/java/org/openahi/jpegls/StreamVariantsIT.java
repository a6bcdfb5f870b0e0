package org.openahi.jpegls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.jpegls.CharLsTool.Options;
import org.openahi.jpegls.CharLsTool.Raw;

/**
 * What the standard allows and the encoders at hand do not write, made from CharLS streams: restart intervals (each
 * interval encoded by CharLS as an image of its own, which is what a restart makes of it, joined with RSTm markers
 * under one header with a DRI segment), a height given by DNL, dimensions given by an LSE oversize-dimension
 * segment, mapping tables, APPn and COM segments between scans, fill bytes before markers, padding around EOI.
 */
class StreamVariantsIT {

    private static final int SOS = 0xDA;
    private static final int SOF55 = 0xF7;

    @TempDir
    Path temp;

    private CharLsTool charls;
    private TestImages images;
    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @BeforeEach
    void setUp() throws Exception {
        charls = CharLsTool.build(temp);
        images = TestImages.load();
    }

    @Test
    void restartIntervals() throws Exception {
        int cases = 0;
        for (Raw image : new Raw[] {images.grey(8), images.grey(16), images.colour(3, 8)}) {
            for (Interleave interleave : image.components() == 1
                    ? new Interleave[] {Interleave.NONE}
                    : new Interleave[] {Interleave.LINE, Interleave.SAMPLE}) {
                for (int near : new int[] {0, 3}) {
                    for (int interval : image.components() == 1 ? new int[] {5, 64} : new int[] {1, 7, 64}) {
                        Options options = new Options(interleave, near, 0, 0, 0, 0, 0, 0);
                        byte[] code = withRestarts(image, options, interval);
                        Raw expected = charls.decode(code);
                        DecodedImage ours = decoder.decode(code);
                        assertThat(ours.info().restartInterval()).isEqualTo(interval);
                        assertThat(ours.nativeBytes())
                                .as("%s, restart every %d lines", options, interval)
                                .isEqualTo(expected.samples());
                        if (near == 0) {
                            assertThat(ours.nativeBytes()).isEqualTo(image.samples());
                        }
                        cases++;
                    }
                }
            }
        }
        System.out.println("restart intervals: " + cases + " streams bit-exact with CharLS");
        assertThat(cases).isEqualTo(20);
    }

    @Test
    void restartMarkerOutOfOrderIsRefused() throws Exception {
        byte[] code = withRestarts(images.grey(8), Options.lossless(Interleave.NONE), 64);
        int first = indexOf(code, new byte[] {(byte) 0xFF, (byte) 0xD0}, 2);
        code[first + 1] = (byte) 0xD3;
        assertThatThrownBy(() -> decoder.decode(code))
                .isInstanceOf(JpegLsException.class)
                .hasMessageContaining("expected restart marker FFD0, found FFD3");
    }

    @Test
    void heightFromDnl() throws Exception {
        Raw image = images.grey(12);
        byte[] code = charls.encodeOk(image, Options.lossless(Interleave.NONE));
        int sof = segment(code, SOF55);
        byte[] patched = code.clone();
        patched[sof + 5] = 0;
        patched[sof + 6] = 0;
        patched = insert(patched, patched.length - 2, new byte[] {
            (byte) 0xFF, (byte) 0xDC, 0, 4, (byte) (image.height() >> 8), (byte) image.height()
        });
        // CharLS 2.4 does not read DNL; the source is the reference.
        assertThat(decoder.decode(patched).nativeBytes()).isEqualTo(image.samples());
    }

    @Test
    void dimensionsFromAnOversizeSegment() throws Exception {
        Raw image = images.colour(3, 8);
        byte[] code = charls.encodeOk(image, Options.lossless(Interleave.SAMPLE));
        int sof = segment(code, SOF55);
        int afterSof = sof + 2 + length(code, sof);
        for (int bytes = 2; bytes <= 4; bytes++) {
            byte[] patched = code.clone();
            Arrays.fill(patched, sof + 5, sof + 9, (byte) 0);
            ByteArrayOutputStream lse = new ByteArrayOutputStream();
            lse.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xF8, 0, (byte) (4 + 2 * bytes), 4, (byte) bytes});
            lse.writeBytes(number(image.height(), bytes));
            lse.writeBytes(number(image.width(), bytes));
            patched = insert(patched, afterSof, lse.toByteArray());
            DecodedImage ours = decoder.decode(patched);
            assertThat(ours.width()).isEqualTo(image.width());
            assertThat(ours.nativeBytes()).as("%d-byte dimensions", bytes).isEqualTo(image.samples());
        }
    }

    @Test
    void mappingTablesAreCheckedNotApplied() throws Exception {
        Raw image = images.grey(8);
        byte[] code = charls.encodeOk(image, Options.lossless(Interleave.NONE));
        int sos = segment(code, SOS);
        assertThatThrownBy(() -> decoder.decode(withTableId(code, 9)))
                .isInstanceOf(JpegLsException.class)
                .hasMessageContaining("mapping table 9, which no LSE segment defines");
        byte[] defined = insert(code, sos, mappingTable(5));
        byte[] named = withTableId(defined, 5);
        DecodedImage ours = decoder.decode(named);
        assertThat(ours.info().mappingTable()).isTrue();
        assertThat(ours.nativeBytes()).isEqualTo(image.samples());
    }

    @Test
    void segmentsFillBytesAndPaddingAroundTheScans() throws Exception {
        Raw image = images.colour(3, 12);
        byte[] code = charls.encodeOk(image, Options.lossless(Interleave.NONE));
        byte[] comment = {(byte) 0xFF, (byte) 0xFE, 0, 7, 'o', 'p', 'e', 'n', 'a'};
        byte[] app = {(byte) 0xFF, (byte) 0xE0, 0, 6, 'J', 'F', 'I', 'F'};
        byte[] patched = insert(code, 2, concat(comment, app));
        // Before the second scan: a COM segment and fill bytes ahead of its SOS marker.
        int second = indexOf(patched, new byte[] {(byte) 0xFF, (byte) SOS}, segment(patched, SOS) + 2);
        patched = insert(patched, second, concat(comment, new byte[] {(byte) 0xFF, (byte) 0xFF}));
        // A zero byte before EOI (CharLS accepts it), fill bytes inside the EOI marker, padding after it.
        patched = insert(patched, patched.length - 2, new byte[] {0, (byte) 0xFF});
        patched = concat(patched, new byte[] {0, 0, 0});
        assertThat(decoder.decode(patched).nativeBytes()).isEqualTo(image.samples());
    }

    /** The stream CharLS writes for {@code image} in strips of {@code interval} lines, joined with RSTm markers. */
    private byte[] withRestarts(Raw image, Options options, int interval) throws Exception {
        byte[] whole = charls.encodeOk(image, options);
        int sos = segment(whole, SOS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(whole, 0, sos);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDD, 0, 4, (byte) (interval >> 8), (byte) interval});
        out.write(whole, sos, 2 + length(whole, sos));
        int rowBytes = image.samples().length / image.height();
        for (int top = 0, strip = 0; top < image.height(); top += interval, strip++) {
            int rows = Math.min(interval, image.height() - top);
            Raw part = new Raw(
                    image.width(),
                    rows,
                    image.components(),
                    image.bits(),
                    Arrays.copyOfRange(image.samples(), top * rowBytes, (top + rows) * rowBytes));
            byte[] code = charls.encodeOk(part, options);
            int data = segment(code, SOS);
            data += 2 + length(code, data);
            if (strip > 0) {
                out.writeBytes(new byte[] {(byte) 0xFF, (byte) (0xD0 + (strip - 1) % 8)});
            }
            out.write(code, data, code.length - 2 - data);
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    /** An LSE mapping table (type 2) of 128 one-byte entries, then its continuation (type 3) of 128 more. */
    private static byte[] mappingTable(int id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int type = 2; type <= 3; type++) {
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xF8, 0, (byte) (5 + 128), (byte) type, (byte) id, 1});
            for (int i = 0; i < 128; i++) {
                out.write(255 - i - (type - 2) * 128);
            }
        }
        return out.toByteArray();
    }

    /** The stream with its (first) SOS naming mapping table {@code id} for its first component. */
    private static byte[] withTableId(byte[] code, int id) {
        byte[] patched = code.clone();
        patched[segment(patched, SOS) + 6] = (byte) id;
        return patched;
    }

    /** The offset of the first marker segment {@code marker} (walking the segments from SOI up to the first scan). */
    private static int segment(byte[] code, int marker) {
        int p = 2;
        while ((code[p + 1] & 0xFF) != marker) {
            if ((code[p + 1] & 0xFF) == SOS) {
                throw new AssertionError("no marker FF" + Integer.toHexString(marker) + " before the first scan");
            }
            p += 2 + length(code, p);
        }
        return p;
    }

    private static int length(byte[] code, int marker) {
        return (code[marker + 2] & 0xFF) << 8 | (code[marker + 3] & 0xFF);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    private static byte[] number(int value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[bytes - 1 - i] = (byte) (value >> 8 * i);
        }
        return out;
    }

    private static byte[] insert(byte[] data, int at, byte[] bytes) {
        return concat(concat(Arrays.copyOf(data, at), bytes), Arrays.copyOfRange(data, at, data.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
