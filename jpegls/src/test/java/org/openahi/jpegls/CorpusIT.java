package org.openahi.jpegls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * Every JPEG-LS file of the shared corpus (.80 and .81), every frame, decodes to exactly the samples DCMTK's
 * {@code dcmdjpls} writes. Where dcmdjpls refuses a file, CharLS (the library DCMTK's codec derives from) is the
 * oracle, and the test says so.
 */
class CorpusIT {

    @TempDir
    Path temp;

    @Test
    void everyCorpusFrameMatchesDcmtk() throws Exception {
        String dcmdjpls = Oracles.require("dcmdjpls");
        CharLsTool charls = CharLsTool.build(temp);
        JpegLsDecoder decoder = new JpegLsDecoder();
        List<String> files = CorpusFrames.jpegLsFiles();
        List<String> byCharLs = new ArrayList<>();
        int frames = 0;
        for (String name : files) {
            Path file = SharedCorpus.dicom(name);
            List<byte[]> coded = CorpusFrames.frames(file);
            Path decoded = temp.resolve("decoded.dcm");
            Oracles.Result dcmtk = Oracles.run(dcmdjpls, "+px", file.toString(), decoded.toString());
            List<byte[]> expected;
            if (dcmtk.exitCode() == 0) {
                expected = CorpusFrames.frames(decoded);
            } else {
                byCharLs.add(name + " (dcmdjpls: " + dcmtk.stderr().strip() + ")");
                expected = new ArrayList<>();
                for (byte[] frame : coded) {
                    expected.add(charls.decode(frame).samples());
                }
            }
            assertThat(coded).as(name).hasSameSizeAs(expected);
            for (int f = 0; f < coded.size(); f++) {
                DecodedImage image = decoder.decode(coded.get(f));
                assertThat(image.nativeBytes())
                        .as("%s frame %d (%s)", name, f, image.info())
                        .isEqualTo(expected.get(f));
                frames++;
            }
        }
        System.out.println("JPEG-LS corpus: " + files.size() + " files, " + frames + " frames bit-exact; CharLS as the "
                + "oracle for " + byCharLs);
        assertThat(files).hasSizeGreaterThanOrEqualTo(18);
        assertThat(byCharLs).as("files dcmdjpls refuses").hasSizeLessThanOrEqualTo(1);
    }
}
