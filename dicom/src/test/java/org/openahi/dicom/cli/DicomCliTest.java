package org.openahi.dicom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;

class DicomCliTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DicomCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path image() throws Exception {
        Dataset ds = new Dataset();
        ds.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        ds.putStrings(Tag.PatientName, VR.PN, "Doe^Jane");
        ds.put(Element.of(Tag.PixelData, VR.OB, new byte[4000]));
        Path file = temp.resolve("image.dcm");
        DicomWriter.write(file, ds, TransferSyntax.ExplicitVRLittleEndian);
        return file;
    }

    @Test
    void printsDicomJsonWithBulkDataUris() throws Exception {
        Path file = image();
        assertThat(run("json", file.toString())).isZero();
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json)
                .startsWith("{\"00080016\":{\"vr\":\"UI\"")
                .contains("\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^Jane\"}]}")
                .contains("\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"" + file.toUri() + "?offset=")
                .contains("&length=4000\"}");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void inlineAndMetaOptions() throws Exception {
        Path file = image();
        assertThat(run("json", "--inline", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"AAAA");
        out.reset();
        assertThat(run("json", "--meta", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"00020010\":{\"vr\":\"UI\",\"Value\":[\"" + TransferSyntax.ExplicitVRLittleEndian.uid()
                        + "\"]}");
    }

    @Test
    void brokenFileExitsWithTheTypedErrorsMessage() throws Exception {
        Path file = image();
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(temp.resolve("truncated.dcm"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThat(run("json", truncated.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("error: " + truncated)
                .contains("runs past the end of the file")
                .contains("in (7FE0,0010)");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void usage() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("dump", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: dicom json");
    }
}
