package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Both encoders' codestreams stay byte for byte what they were when the encoders' speed work began (main at
 * 4d5a4d8): CRC-32 of the codestreams of synthetic images of every input path (16-bit and 8-bit native samples,
 * 1-bit packed samples, ints; grey and colour; even and odd sizes, so odd subbands and code-blocks). A change of the
 * codestream is a format decision, not a speed-up.
 */
class EncoderGoldenTest {

    private static final ImageDescription[] IMAGES = {
        new ImageDescription(512, 512, 1, 16, true),
        new ImageDescription(517, 301, 1, 16, false),
        new ImageDescription(1000, 3, 1, 12, true),
        new ImageDescription(67, 45, 3, 8, false),
        new ImageDescription(130, 257, 1, 10, false),
        new ImageDescription(1, 1, 1, 16, true)
    };

    @Test
    void htj2kCodestreamsAsBefore() throws Exception {
        assertThat(crcOfAll(new Htj2kEncoder()::encode, new Htj2kEncoder()::encode))
                .isEqualTo(2_607_978_305L);
    }

    @Test
    void htj2kCodestreamsAsBeforeOnTwoThreads() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Htj2kEncoder encoder = new Htj2kEncoder(pool, 2);
            assertThat(crcOfAll(encoder::encode, encoder::encode)).isEqualTo(2_607_978_305L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void part1CodestreamsAsBefore() throws Exception {
        assertThat(crcOfAll(new J2kEncoder()::encode, null)).isEqualTo(2_671_664_484L);
    }

    private interface Encode<T> {
        byte[] encode(ImageDescription image, T samples) throws Htj2kException;
    }

    private static long crcOfAll(Encode<byte[]> fromBytes, Encode<int[]> fromInts) throws Htj2kException {
        CRC32 crc = new CRC32();
        for (int i = 0; i < IMAGES.length; i++) {
            ImageDescription image = IMAGES[i];
            int[] samples = TestImages.samples(image, 40 + i);
            crc.update(fromBytes.encode(image, TestImages.nativeBytes(image, samples)));
            if (fromInts != null) {
                crc.update(fromInts.encode(image, samples));
            }
        }
        if (fromInts != null) {
            // 1-bit samples packed LSB first, from an offset, as DICOM native pixel data holds them
            ImageDescription bitmap = new ImageDescription(37, 29, 1, 1, false);
            byte[] packed = new byte[3 + (37 * 29 + 7) / 8];
            for (int j = 0; j < packed.length; j++) {
                packed[j] = (byte) (j * 73 + (j >> 2));
            }
            crc.update(new Htj2kEncoder().encode(bitmap, packed, 3, 1));
        }
        return crc.getValue();
    }
}
