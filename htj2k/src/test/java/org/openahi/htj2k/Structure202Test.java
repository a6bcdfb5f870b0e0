package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The encoder's codestreams have the layout of DICOM's HTJ2K Lossless RPCL (.202) that AWS HealthImaging serves:
 * read here by a marker walk of its own, independent of the decoder's parser.
 */
class Structure202Test {

    /** One marker segment: its code, where it starts and its body. */
    record Segment(int marker, int offset, byte[] body) {}

    @ParameterizedTest(name = "{0}x{1}x{2} {3}-bit")
    @CsvSource({
        "512,512,1,16,3",
        "3000,2000,1,12,6",
        "64,64,1,8,0",
        "65,10,3,8,1",
        "1,1,1,16,0",
        "4097,3,1,16,7",
        "130,257,3,16,3"
    })
    void hasThe202Layout(int width, int height, int components, int bits, int expectedLevels) throws Exception {
        ImageDescription image = new ImageDescription(width, height, components, bits, false);
        byte[] cs = new Htj2kEncoder().encode(image, TestImages.samples(image, 1));

        assertThat(u16(cs, 0)).as("SOC").isEqualTo(0xFF4F);
        List<Segment> main = new ArrayList<>();
        int p = 2;
        while (u16(cs, p) != 0xFF90) {
            int length = u16(cs, p + 2);
            main.add(new Segment(u16(cs, p), p, Arrays.copyOfRange(cs, p + 4, p + 2 + length)));
            p += 2 + length;
        }
        assertThat(main.get(0).marker()).as("SIZ first").isEqualTo(0xFF51);
        byte[] siz = main.get(0).body();
        assertThat(u16(siz, 0)).as("Rsiz: HTJ2K").isEqualTo(0x4000);
        assertThat(u32(siz, 2)).isEqualTo(width);
        assertThat(u32(siz, 6)).isEqualTo(height);
        assertThat(u32(siz, 18)).as("one tile").isEqualTo(width);
        assertThat(u32(siz, 22)).isEqualTo(height);
        assertThat(u16(siz, 34)).isEqualTo(components);
        assertThat(siz[36] & 0xFF).as("Ssiz: bits - 1, unsigned").isEqualTo(bits - 1);

        byte[] cap = body(main, 0xFF50);
        assertThat(u32(cap, 0)).as("Pcap: Part 15").isEqualTo(0x0002_0000);
        int ccap15 = u16(cap, 4);

        byte[] cod = body(main, 0xFF52);
        assertThat(cod[0]).as("Scod: default precincts, no SOP/EPH").isZero();
        assertThat(cod[1]).as("RPCL").isEqualTo((byte) 2);
        assertThat(u16(cod, 2)).as("one layer").isEqualTo(1);
        assertThat(cod[4]).as("RCT for colour").isEqualTo((byte) (components == 3 ? 1 : 0));
        int levels = cod[5];
        assertThat(levels).isEqualTo(expectedLevels);
        int largest = Math.max(width, height);
        assertThat((largest + (1 << levels) - 1) >> levels)
                .as("lowest resolution at most 64")
                .isLessThanOrEqualTo(64);
        if (levels > 0) {
            assertThat((largest + (1 << (levels - 1)) - 1) >> (levels - 1))
                    .as("and no more levels than needed")
                    .isGreaterThan(64);
        }
        assertThat(cod[6]).as("64 wide code-blocks").isEqualTo((byte) 4);
        assertThat(cod[7]).as("64 high code-blocks").isEqualTo((byte) 4);
        assertThat(cod[8]).as("HT code-blocks").isEqualTo((byte) 0x40);
        assertThat(cod[9]).as("5/3 reversible").isEqualTo((byte) 1);

        byte[] qcd = body(main, 0xFF5C);
        assertThat(qcd[0] & 0x1F).as("no quantisation").isZero();
        assertThat(qcd.length - 1).as("one exponent per subband").isEqualTo(3 * levels + 1);
        int magb = 0;
        for (int i = 1; i < qcd.length; i++) {
            magb = Math.max(magb, (qcd[0] >> 5 & 7) + ((qcd[i] & 0xFF) >> 3) - 1);
        }
        int bp = magb <= 8 ? 0 : magb < 28 ? magb - 8 : 13 + magb / 4;
        assertThat(ccap15)
                .as("Ccap15 = HT only, single set, reversible, MAGB from QCD")
                .isEqualTo(bp);

        byte[] tlm = body(main, 0xFF55);
        assertThat(tlm[0]).as("Ztlm").isZero();
        assertThat(tlm[1]).as("Stlm: 16-bit Ttlm, 32-bit Ptlm").isEqualTo((byte) 0x60);
        assertThat((tlm.length - 2) / 6).as("one entry per resolution").isEqualTo(levels + 1);

        // One tile-part per resolution, in order, each as long as TLM says; then EOC.
        for (int r = 0; r <= levels; r++) {
            assertThat(u16(cs, p)).as("SOT of tile-part %d", r).isEqualTo(0xFF90);
            assertThat(u16(cs, p + 4)).as("tile 0").isZero();
            long psot = u32(cs, p + 6);
            assertThat(cs[p + 10]).as("TPsot").isEqualTo((byte) r);
            assertThat(cs[p + 11] & 0xFF).as("TNsot").isEqualTo(levels + 1);
            assertThat(u16(cs, p + 12)).as("SOD").isEqualTo(0xFF93);
            assertThat(psot).as("TLM Ptlm of tile-part %d", r).isEqualTo(u32(tlm, 2 + 6 * r + 2));
            assertThat(u16(tlm, 2 + 6 * r)).as("Ttlm").isZero();
            p += (int) psot;
        }
        assertThat(u16(cs, p)).as("EOC").isEqualTo(0xFFD9);
        assertThat(p + 2).isEqualTo(cs.length);
    }

    /** Tile-part r holds exactly resolution r: the first r + 1 tile-parts decode that resolution on their own. */
    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"512,512,1", "300,200,3", "1000,70,1"})
    void eachTilePartCarriesOneResolution(int width, int height, int components) throws Exception {
        ImageDescription image = new ImageDescription(width, height, components, 16, true);
        byte[] cs = new Htj2kEncoder().encode(image, TestImages.samples(image, 2));
        Htj2kDecoder decoder = new Htj2kDecoder();
        int levels = decoder.info(cs).decompositionLevels();
        int p = firstTilePart(cs);
        for (int r = 0; r <= levels; r++) {
            p += (int) u32(cs, p + 6);
            byte[] prefix = Arrays.copyOf(cs, p);
            DecodedImage partial = decoder.decode(prefix, levels - r);
            assertThat(partial.info().complete()).isEqualTo(false);
            assertThat(partial.samples())
                    .as("resolution %d from %d tile-parts", r, r + 1)
                    .isEqualTo(decoder.decode(cs, levels - r).samples());
        }
    }

    private static int firstTilePart(byte[] cs) {
        int p = 2;
        while (u16(cs, p) != 0xFF90) {
            p += 2 + u16(cs, p + 2);
        }
        return p;
    }

    private static byte[] body(List<Segment> segments, int marker) {
        return segments.stream()
                .filter(s -> s.marker() == marker)
                .findFirst()
                .orElseThrow(() -> new AssertionError(String.format("no 0x%04X marker in the main header", marker)))
                .body();
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    private static long u32(byte[] b, int p) {
        return (long) u16(b, p) << 16 | u16(b, p + 2);
    }
}
