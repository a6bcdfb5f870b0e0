package org.openahi.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * The one maintained library on Maven Central that reads JPEG Lossless, TwelveMonkeys imageio-jpeg, against the same
 * frames as this decoder: every lossless frame of the corpus and dcmcjpeg encodings with every predictor and point
 * transforms at 8, 12 and 16 bits. It is measured, not required: the counts it decodes exactly, differently or not
 * at all are printed and recorded in docs/codecs.md; this decoder must match DCMTK on all of them.
 */
class TwelveMonkeysLosslessIT {

    private static final Set<String> LOSSLESS = Set.of("1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");

    private final JpegDecoder decoder = new JpegDecoder();

    @Test
    void compareOnTheLosslessFrames(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> frames = new TreeMap<>();
        for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
            if (LOSSLESS.contains(entry.transferSyntaxUid())) {
                List<byte[]> f =
                        DicomFrames.read(SharedCorpus.dicom(entry.path())).frames();
                for (int i = 0; i < f.size(); i++) {
                    frames.put(entry.path() + " #" + i, f.get(i));
                }
            }
        }
        String dcmcjpeg = Oracles.require("dcmcjpeg");
        String[][] sources = {
            {"MR 12-bit", "pydicom/test_files/examples_overlay.dcm"},
            {"CT 16-bit", "pydicom-data/eCT_Supplemental.dcm"},
            {"RGB 8-bit", "pydicom/test_files/examples_rgb_color.dcm"}
        };
        for (String[] source : sources) {
            for (int sv = 1; sv <= 7; sv++) {
                for (int pt : new int[] {0, 2}) {
                    Path out = tmp.resolve("sv" + sv + "pt" + pt + ".dcm");
                    Oracles.runOk(
                            dcmcjpeg,
                            "+el",
                            "+sv",
                            "" + sv,
                            "+pt",
                            "" + pt,
                            SharedCorpus.dicom(source[1]).toString(),
                            out.toString());
                    frames.put(
                            "dcmcjpeg " + source[0] + " predictor " + sv + " Pt " + pt,
                            DicomFrames.read(out).frames().get(0));
                    Files.delete(out);
                }
            }
        }
        List<String> exact = new ArrayList<>();
        List<String> different = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, byte[]> frame : frames.entrySet()) {
            int[] ours = decoder.decode(frame.getValue()).samples();
            try {
                int[] theirs = twelveMonkeys(frame.getValue());
                if (java.util.Arrays.equals(ours, theirs)) {
                    exact.add(frame.getKey());
                } else {
                    different.add(frame.getKey() + " (" + differing(ours, theirs) + ")");
                }
            } catch (Exception | Error e) {
                failed.add(frame.getKey() + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        System.out.println("TwelveMonkeys imageio-jpeg on " + frames.size() + " lossless frames: " + exact.size()
                + " exact, " + different.size() + " different, " + failed.size() + " failed");
        different.forEach(d -> System.out.println("  different: " + d));
        failed.forEach(f -> System.out.println("  failed: " + f));
        assertThat(exact.size() + different.size() + failed.size()).isEqualTo(frames.size());
    }

    /** The frame's raster as TwelveMonkeys decodes it (no colour conversion), interleaved like ours. */
    private static int[] twelveMonkeys(byte[] jpeg) throws Exception {
        ImageReader reader = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            ImageReader candidate = it.next();
            if (candidate.getClass().getName().startsWith("com.twelvemonkeys")) {
                reader = candidate;
            }
        }
        assertThat(reader).as("TwelveMonkeys' JPEG reader is registered").isNotNull();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            Raster raster = reader.read(0).getRaster();
            return raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
        } finally {
            reader.dispose();
        }
    }

    private static String differing(int[] ours, int[] theirs) {
        if (ours.length != theirs.length) {
            return theirs.length + " samples instead of " + ours.length;
        }
        int count = 0;
        int max = 0;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != theirs[i]) {
                count++;
                max = Math.max(max, Math.abs(ours[i] - theirs[i]));
            }
        }
        return count + " of " + ours.length + " samples differ, by up to " + max;
    }
}
