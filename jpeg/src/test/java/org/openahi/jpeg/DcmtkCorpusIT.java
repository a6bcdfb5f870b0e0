package org.openahi.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * Every JPEG file of the shared corpus (transfer syntaxes .50, .51, .53, .55, .57, .70), every frame, against
 * DCMTK's dcmdjpeg: lossless frames exactly, lossy ones within 1 of every sample (the figures are printed). Each
 * file is compared twice: as dcmdjpeg writes it by default (YCbCr converted to RGB when the Photometric
 * Interpretation is YBR) and with {@code +cn} (never converted) against our {@link ColourConversion#NONE}.
 */
class DcmtkCorpusIT {

    private static final Set<String> LOSSLESS = Set.of("1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");
    private static final Set<String> JPEG = Set.of(
            "1.2.840.10008.1.2.4.50",
            "1.2.840.10008.1.2.4.51",
            "1.2.840.10008.1.2.4.53",
            "1.2.840.10008.1.2.4.55",
            "1.2.840.10008.1.2.4.57",
            "1.2.840.10008.1.2.4.70");

    private final JpegDecoder decoder = new JpegDecoder();

    @Test
    void everyCorpusFrameDecodesAsDcmtkDoes(@TempDir Path tmp) throws Exception {
        Oracles.require("dcmdjpeg");
        List<String> report = new ArrayList<>();
        List<String> noPixels = new ArrayList<>();
        SampleDifference lossy = new SampleDifference(0, 0, 0);
        int files = 0;
        int frames = 0;
        for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
            if (!JPEG.contains(entry.transferSyntaxUid())) {
                continue;
            }
            Path file = SharedCorpus.dicom(entry.path());
            DicomFrames source;
            try {
                source = DicomFrames.read(file);
            } catch (java.io.IOException unreadable) {
                noPixels.add(entry.path() + " (" + unreadable.getMessage() + ")");
                continue;
            }
            if (source.frames().isEmpty()) {
                noPixels.add(entry.path());
                continue;
            }
            boolean lossless = LOSSLESS.contains(entry.transferSyntaxUid());
            Dcmdjpeg.Comparison c = Dcmdjpeg.compare(decoder, file, lossless, tmp);
            if (!lossless) {
                lossy = lossy.plus(c.total());
            }
            frames += source.frames().size();
            report.add(String.format(
                    "%-68s %-11s %-12s %2d-bit %-11s frames=%d: %s",
                    entry.path(),
                    c.info().process(),
                    source.photometric(),
                    c.info().precision(),
                    c.info().sampling(),
                    source.frames().size(),
                    c.total()));
            files++;
        }
        report.forEach(System.out::println);
        System.out.println("dcmdjpeg corpus: " + files + " files, " + frames + " frames; lossy frames against DCMTK: "
                + lossy + "; without pixel data: " + noPixels);
        assertThat(files).as("JPEG files of the corpus compared").isGreaterThanOrEqualTo(32);
    }
}
