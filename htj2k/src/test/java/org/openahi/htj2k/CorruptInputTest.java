package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Truncated and corrupted codestreams end in an {@link Htj2kException}, never in another exception, an
 * OutOfMemoryError or a hang; a truncated codestream never decodes to other pixels than the whole one. The time
 * limits only catch hangs.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CorruptInputTest {

    private static byte[] grey;
    private static int[] greySamples;
    private static byte[] colour;
    private static byte[] part1;
    private static int[] part1Samples;

    private final Htj2kDecoder decoder = new Htj2kDecoder();

    @BeforeAll
    static void encode() throws Exception {
        ImageDescription g = new ImageDescription(150, 90, 1, 16, true);
        greySamples = TestImages.samples(g, 21);
        grey = new Htj2kEncoder().encode(g, greySamples);
        ImageDescription c = new ImageDescription(70, 40, 3, 8, false);
        colour = new Htj2kEncoder().encode(c, TestImages.samples(c, 22));
        ImageDescription p = new ImageDescription(90, 70, 3, 12, false);
        part1Samples = TestImages.samples(p, 23);
        part1 = new J2kEncoder().encode(p, part1Samples);
    }

    @Test
    void everyTruncationOfAPart1CodestreamIsRefusedOrDecodesTheSamePixels() {
        int refused = 0;
        for (int length = 0; length < part1.length; length++) {
            byte[] cut = Arrays.copyOf(part1, length);
            Throwable t = catchThrowable(() -> assertThat(decoder.decode(cut).samples())
                    .as("decoded from %d of %d bytes", cut.length, part1.length)
                    .isEqualTo(part1Samples));
            if (t instanceof Htj2kException) {
                refused++;
            } else if (t != null) {
                throw new AssertionError("truncated to " + length + " bytes", t);
            }
        }
        assertThat(refused).as("all but the cut of EOC alone").isEqualTo(part1.length - 2);
    }

    @Test
    void randomCorruptionOfAPart1CodestreamEndsInATypedErrorOrAnImage() {
        SplittableRandom random = new SplittableRandom(98);
        int refused = 0;
        for (int round = 0; round < 2000; round++) {
            byte[] bad = part1.clone();
            for (int i = 0, flips = 1 + random.nextInt(4); i < flips; i++) {
                int at = round % 3 == 0 ? random.nextInt(Math.min(bad.length, 120)) : random.nextInt(bad.length);
                bad[at] = (byte) random.nextInt(256);
            }
            Throwable t = catchThrowable(() -> decoder.decode(bad, random.nextInt(3)));
            if (t instanceof Htj2kException) {
                refused++;
            } else if (t != null) {
                throw new AssertionError("round " + round, t);
            }
        }
        assertThat(refused).isPositive();
    }

    @Test
    void everyTruncationIsRefusedOrDecodesTheSamePixels() {
        int refused = 0;
        for (int length = 0; length < grey.length; length++) {
            byte[] cut = Arrays.copyOf(grey, length);
            Throwable t = catchThrowable(() -> {
                DecodedImage image = decoder.decode(cut);
                assertThat(image.samples())
                        .as("decoded from %d of %d bytes", cut.length, grey.length)
                        .isEqualTo(greySamples);
            });
            if (t instanceof Htj2kException) {
                refused++;
            } else if (t != null) {
                throw new AssertionError("truncated to " + length + " bytes", t);
            }
        }
        System.out.println("truncations refused: " + refused + " of " + grey.length);
        assertThat(refused).as("all but the cut of EOC alone").isEqualTo(grey.length - 2);
    }

    @Test
    void randomCorruptionEndsInATypedErrorOrAnImage() {
        SplittableRandom random = new SplittableRandom(99);
        int refused = 0;
        int decoded = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bad = (round % 2 == 0 ? grey : colour).clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int at = round % 3 == 0 ? random.nextInt(Math.min(bad.length, 120)) : random.nextInt(bad.length);
                bad[at] = (byte) random.nextInt(256);
            }
            int level = random.nextInt(3);
            Throwable t = catchThrowable(() -> decoder.decode(bad, level));
            if (t == null) {
                decoded++;
            } else if (t instanceof Htj2kException) {
                refused++;
            } else {
                throw new AssertionError("round " + round, t);
            }
        }
        System.out.println("corrupted codestreams: " + refused + " refused, " + decoded + " decoded");
        assertThat(refused).isPositive();
    }

    @Test
    void refusesImagesLargerThanTheLimit() throws Exception {
        byte[] huge = grey.clone();
        putU32(huge, 8, 65_535); // Xsiz
        putU32(huge, 12, 65_535); // Ysiz
        putU32(huge, 24, 65_535); // XTsiz
        putU32(huge, 28, 65_535); // YTsiz
        assertThatThrownBy(() -> decoder.decode(huge))
                .isInstanceOf(Htj2kException.class)
                .satisfies(e -> assertThat(((Htj2kException) e).code()).isEqualTo(0x0504));
        assertThatThrownBy(() -> new Htj2kDecoder(1000).decode(grey))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("larger than the limit");
    }

    @Test
    void refusesHtMixedCodeBlocks() {
        byte[] mixed = grey.clone();
        int cod = find(mixed, 0xFF52);
        mixed[cod + 12] |= (byte) 0x80; // HT MIXED: HT and Part 1 sets in one code-block
        assertThatThrownBy(() -> decoder.decode(mixed))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("HT MIXED")
                .satisfies(e -> assertThat(((Htj2kException) e).code()).isEqualTo(0x0505));
    }

    @Test
    void refusesPart2ToolsByName() {
        int siz = 2 + 2 + ((part1[4] & 0xFF) << 8 | (part1[5] & 0xFF));
        byte[] dco = {(byte) 0xFF, 0x70, 0, 5, 0, 0, 0};
        byte[] withDco = new byte[part1.length + dco.length];
        System.arraycopy(part1, 0, withDco, 0, siz);
        System.arraycopy(dco, 0, withDco, siz, dco.length);
        System.arraycopy(part1, siz, withDco, siz + dco.length, part1.length - siz);
        assertThatThrownBy(() -> decoder.decode(withDco))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("Part 2 variable DC offset (DCO)")
                .satisfies(e -> assertThat(((Htj2kException) e).code()).isEqualTo(0x0129));

        byte[] partitions = part1.clone();
        partitions[find(partitions, 0xFF52) + 4] |= 0x08; // Scod bit 3: a Part 2 code-block anchor offset
        assertThatThrownBy(() -> decoder.decode(partitions))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("Part 2")
                .satisfies(e -> assertThat(((Htj2kException) e).code()).isEqualTo(0x012B));
    }

    @Test
    void refusesJp2Palettes() throws Exception {
        byte[] jp2 = Htj2kEncoder.wrapJph(grey, new ImageDescription(150, 90, 1, 16, true));
        int jp2h = 0;
        while (!(jp2[jp2h + 4] == 'j' && jp2[jp2h + 5] == 'p' && jp2[jp2h + 6] == '2' && jp2[jp2h + 7] == 'h')) {
            jp2h += (jp2[jp2h] & 0xFF) << 24
                    | (jp2[jp2h + 1] & 0xFF) << 16
                    | (jp2[jp2h + 2] & 0xFF) << 8
                    | (jp2[jp2h + 3] & 0xFF);
        }
        // A one-entry, one-column palette box (T.800 I.5.3.4) as the JP2 header's first child.
        byte[] pclr = {0, 0, 0, 13, 'p', 'c', 'l', 'r', 0, 1, 1, 7, 42};
        byte[] withPalette = new byte[jp2.length + pclr.length];
        System.arraycopy(jp2, 0, withPalette, 0, jp2h + 8);
        System.arraycopy(pclr, 0, withPalette, jp2h + 8, pclr.length);
        System.arraycopy(jp2, jp2h + 8, withPalette, jp2h + 8 + pclr.length, jp2.length - jp2h - 8);
        withPalette[jp2h + 3] += (byte) pclr.length;
        assertThatThrownBy(() -> decoder.decode(withPalette))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("palette")
                .satisfies(e -> assertThat(((Htj2kException) e).code()).isEqualTo(0x012A));
        assertThat(decoder.decode(jp2).samples()).isEqualTo(greySamples);
    }

    @Test
    void namesTheProblemAndWhereItIs() {
        byte[] badSiz = grey.clone();
        badSiz[41] = 0; // Csiz = 0
        badSiz[40] = 0;
        assertThatThrownBy(() -> decoder.decode(badSiz))
                .isInstanceOf(Htj2kException.class)
                .hasMessageStartingWith("HTJ2K-0109 at byte 2: SIZ has 0 components");
        assertThatThrownBy(() -> decoder.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("neither a JPEG 2000 codestream");
        assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOf(Htj2kException.class);
        assertThatThrownBy(() -> decoder.decode(grey, 9))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("below the 2 decomposition levels");
    }

    @Test
    void refusesRegionOfInterest() {
        // An RGN segment in place of the CAP marker's bytes: CAP is replaced by a same-length RGN (Lrgn 5 + 3 pad).
        byte[] rgn = grey.clone();
        int cap = find(rgn, 0xFF50);
        rgn[cap + 1] = 0x5E;
        assertThatThrownBy(() -> decoder.decode(rgn))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("region of interest");
    }

    @Test
    void refusesBadBoxes() {
        byte[] box = {0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, (byte) 0x87, 10, 0, 0, 0, 100, 'j', 'p', '2', 'c'};
        assertThatThrownBy(() -> decoder.decode(box))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("runs past the end");
        byte[] noCodestream = Arrays.copyOf(box, 12);
        assertThatThrownBy(() -> decoder.decode(noCodestream))
                .isInstanceOf(Htj2kException.class)
                .hasMessageContaining("no codestream");
    }

    private static int find(byte[] data, int marker) {
        for (int i = 0; i + 1 < data.length; i++) {
            if ((data[i] & 0xFF) == marker >> 8 && (data[i + 1] & 0xFF) == (marker & 0xFF)) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(marker));
    }

    private static void putU32(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }
}
