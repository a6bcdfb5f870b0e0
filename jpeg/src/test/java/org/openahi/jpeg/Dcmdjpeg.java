package org.openahi.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openahi.testing.Oracles;

/**
 * DCMTK's dcmdjpeg as the oracle: decodes a JPEG-compressed DICOM file colour-by-pixel, either as it does by
 * default (YCbCr converted to RGB when the Photometric Interpretation is YBR) or with {@code +cn} (never converted),
 * and compares every frame with ours.
 */
final class Dcmdjpeg {

    private Dcmdjpeg() {}

    /** What a comparison found: the differences with and without colour conversion, and the first frame's headers. */
    record Comparison(SampleDifference converted, SampleDifference raw, JpegInfo info, DicomFrames source) {
        SampleDifference total() {
            return converted.plus(raw);
        }
    }

    /**
     * Compares every frame of {@code file} both ways; lossless frames must be equal, lossy ones within 1 of every
     * sample. {@code tmp} holds dcmdjpeg's output.
     */
    static Comparison compare(JpegDecoder decoder, Path file, boolean lossless, Path tmp)
            throws IOException, JpegException {
        DicomFrames source = DicomFrames.read(file);
        assertThat(source.frames()).as("frames of %s", file).isNotEmpty();
        SampleDifference[] found = new SampleDifference[2];
        for (int pass = 0; pass < 2; pass++) {
            boolean convert = pass == 0;
            Path out = Files.createTempFile(tmp, "dcmdjpeg-", ".dcm");
            List<String> command = new ArrayList<>(List.of(Oracles.require("dcmdjpeg"), "+px"));
            if (!convert) {
                command.add("+cn");
            }
            command.addAll(List.of(file.toString(), out.toString()));
            Oracles.runOk(command);
            DicomFrames expected = DicomFrames.read(out);
            Files.delete(out);
            assertThat(expected.frames()).as("dcmdjpeg frames of %s", file).hasSameSizeAs(source.frames());
            ColourConversion conversion = convert && source.ybr() ? ColourConversion.YBR_TO_RGB : ColourConversion.NONE;
            SampleDifference total = new SampleDifference(0, 0, 0);
            for (int f = 0; f < source.frames().size(); f++) {
                DecodedImage image = decoder.decode(source.frames().get(f), conversion);
                SampleDifference d = SampleDifference.of(
                        image.nativeBytes(), expected.frames().get(f), image.bytesPerSample());
                if (lossless) {
                    assertThat(d.count())
                            .as("%s frame %d (%s): %s", file, f, conversion, d)
                            .isZero();
                } else {
                    assertThat(d.max())
                            .as("%s frame %d (%s): %s", file, f, conversion, d)
                            .isLessThanOrEqualTo(1);
                }
                total = total.plus(d);
            }
            found[pass] = total;
        }
        return new Comparison(found[0], found[1], decoder.info(source.frames().get(0)), source);
    }
}
