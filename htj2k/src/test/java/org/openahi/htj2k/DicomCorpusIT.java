package org.openahi.htj2k;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openahi.testing.SharedCorpus;

/**
 * Every native (uncompressed) image of the shared DICOM corpus, every frame, goes through our encoders (HTJ2K and
 * JPEG 2000 Part 1, for the two lossless storage formats) and our decoder bit-exact: the samples that come back are the stored bits of each sample (sign-extended when signed). Frames
 * this codec cannot take (more than 16 bits, floats, sub-sampled YBR) are counted by reason, not hidden.
 */
class DicomCorpusIT {

    private static final int ROWS = 0x00280010;
    private static final int COLUMNS = 0x00280011;
    private static final int SAMPLES = 0x00280002;
    private static final int PLANAR = 0x00280006;
    private static final int FRAMES = 0x00280008;
    private static final int ALLOCATED = 0x00280100;
    private static final int STORED = 0x00280101;
    private static final int REPRESENTATION = 0x00280103;
    private static final int PHOTOMETRIC = 0x00280004;

    private final Htj2kEncoder encoder = new Htj2kEncoder();
    private final J2kEncoder part1 = new J2kEncoder();
    private final Htj2kDecoder decoder = new Htj2kDecoder();

    @Test
    void everyNativeImageRoundTripsBitExact() throws Exception {
        Path corpus = SharedCorpus.root().resolve("dicom");
        List<String> manifest = Files.readAllLines(corpus.resolve("MANIFEST.tsv"));
        Map<String, AtomicInteger> skipped = new TreeMap<>();
        int files = 0;
        int frames = 0;
        for (String line : manifest.subList(1, manifest.size())) {
            String[] f = line.split("\t", -1);
            String syntax = f[4];
            if (!syntax.equals(DicomFiles.IMPLICIT_LE)
                    && !syntax.equals(DicomFiles.EXPLICIT_LE)
                    && !syntax.equals(DicomFiles.EXPLICIT_BE)
                    && !syntax.equals(DicomFiles.DEFLATED_LE)) {
                continue;
            }
            DicomFiles.Dataset d = DicomFiles.read(corpus.resolve(f[0]), syntax);
            String reason = checkable(d);
            if (reason != null) {
                skipped.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
                continue;
            }
            frames += roundTrip(f[0], d);
            files++;
        }
        System.out.println("DICOM corpus: checked " + files + " native files, " + frames + " frames bit-exact; "
                + "not checked: " + skipped);
        assertThat(files).as("native image files checked").isGreaterThanOrEqualTo(377);
        assertThat(skipped.keySet())
                .as("reasons for files not checked")
                .allMatch(r -> r.startsWith("no pixel data") || r.startsWith("not encodable"));
    }

    /** Why a file cannot be checked, or null. */
    private static String checkable(DicomFiles.Dataset d) {
        if (d.values().containsKey(0x7FE00008) || d.values().containsKey(0x7FE00009)) {
            return "not encodable: float pixel data";
        }
        if (d.pixelOffset() < 0) {
            return "no pixel data";
        }
        int allocated = d.number(ALLOCATED, 0);
        int stored = d.number(STORED, 0);
        int samples = d.number(SAMPLES, 1);
        String photometric = d.text(PHOTOMETRIC);
        if (allocated > 16 || stored > 16) {
            return "not encodable: " + allocated + " bits allocated, " + stored + " stored";
        }
        if (samples != 1 && samples != 3) {
            return "not encodable: " + samples + " samples per pixel";
        }
        if (photometric.endsWith("_422") || photometric.endsWith("_420")) {
            return "not encodable: sub-sampled " + photometric;
        }
        long frameBits = (long) d.number(ROWS, 0) * d.number(COLUMNS, 0) * samples * allocated;
        if (frameBits == 0 || d.pixelLength() < 0 || (long) d.pixelLength() * 8 < frameBits) {
            return "no pixel data: pixel data shorter than one frame";
        }
        if ((long) d.pixelOffset() + d.pixelLength() > d.data().length) {
            return "no pixel data: the file ends inside it";
        }
        return null;
    }

    /** Encodes and decodes every frame of the file; returns the number of frames. */
    private int roundTrip(String name, DicomFiles.Dataset d) throws Exception {
        int rows = d.number(ROWS, 0);
        int columns = d.number(COLUMNS, 0);
        int samples = d.number(SAMPLES, 1);
        int allocated = d.number(ALLOCATED, 0);
        int stored = d.number(STORED, allocated);
        boolean signed = d.number(REPRESENTATION, 0) == 1;
        boolean planar = samples == 3 && d.number(PLANAR, 0) == 1;
        int frames = Math.max(1, d.number(FRAMES, 1));
        long frameBits = (long) rows * columns * samples * allocated;
        frames = (int) Math.min(frames, (long) d.pixelLength() * 8 / frameBits);
        ImageDescription image = new ImageDescription(columns, rows, samples, stored, signed);
        int pixels = rows * columns;
        for (int frame = 0; frame < frames; frame++) {
            // The frame as the encoder takes it: little-endian, interleaved, 1-bit samples packed from bit 0.
            int[] raw = new int[pixels * samples];
            for (int i = 0; i < raw.length; i++) {
                int component = planar ? i / pixels : i % samples;
                int pixel = planar ? i % pixels : i / samples;
                raw[pixel * samples + component] = sampleAt(d, frame * frameBits + (long) i * allocated, allocated);
            }
            byte[] buffer = pack(raw, allocated);
            int[] expected = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                int v = raw[i];
                expected[i] = signed ? (v << (32 - stored)) >> (32 - stored) : v & (int) ((1L << stored) - 1);
            }
            byte[] codestream = encoder.encode(image, buffer, 0, allocated);
            assertThat(decoder.decode(codestream).samples())
                    .as("%s frame %d (%s)", name, frame, image)
                    .isEqualTo(expected);
            byte[] j2k = part1.encode(image, buffer, 0, allocated);
            assertThat(decoder.decode(j2k).samples())
                    .as("%s frame %d (%s), Part 1", name, frame, image)
                    .isEqualTo(expected);
        }
        return frames;
    }

    /** The sample of {@code bits} bits at bit offset {@code at} of the pixel data, in the file's byte order. */
    private static int sampleAt(DicomFiles.Dataset d, long at, int bits) {
        byte[] b = d.data();
        int byteAt = d.pixelOffset() + (int) (at >> 3);
        return switch (bits) {
            case 1 -> (b[byteAt] >> (int) (at & 7)) & 1;
            case 8 -> b[byteAt] & 0xFF;
            default ->
                d.bigEndian()
                        ? (b[byteAt] & 0xFF) << 8 | (b[byteAt + 1] & 0xFF)
                        : (b[byteAt] & 0xFF) | (b[byteAt + 1] & 0xFF) << 8;
        };
    }

    private static byte[] pack(int[] raw, int bits) {
        byte[] out = new byte[(int) (((long) raw.length * bits + 7) / 8)];
        for (int i = 0; i < raw.length; i++) {
            switch (bits) {
                case 1 -> out[i >> 3] |= (byte) (raw[i] << (i & 7));
                case 8 -> out[i] = (byte) raw[i];
                default -> {
                    out[2 * i] = (byte) raw[i];
                    out[2 * i + 1] = (byte) (raw[i] >> 8);
                }
            }
        }
        return out;
    }
}
