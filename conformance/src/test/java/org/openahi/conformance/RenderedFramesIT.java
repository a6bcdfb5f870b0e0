package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.SharedCorpus;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;

/**
 * Rendered resources (PS3.18 §10.4): a CT slice stored as HTJ2K comes back as a PNG equal, pixel for pixel, to its
 * source samples put through the Modality LUT and the VOI window computed here (PS3.3 C.11.2.1.2); the instance's
 * own window when none is asked; thumbnails fit their viewport; bad parameters are 400, other media types 406.
 */
class RenderedFramesIT {
    private static final String CT = "pydicom-data/693_UNCR.dcm";

    @Test
    void aRenderedFrameIsItsSourceWindowedPixelForPixel(@TempDir Path work) throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        Files.copy(SharedCorpus.dicom(CT), input.resolve("ct.dcm"));
        DicomFile source = DicomReader.read(SharedCorpus.dicom(CT));
        Dataset dataset = source.dataset();
        String study = dataset.getString(Tag.StudyInstanceUID).strip();
        String series = dataset.getString(Tag.SeriesInstanceUID).strip();
        String instance = dataset.getString(Tag.SOPInstanceUID).strip();
        double slope = Double.parseDouble(dataset.getString(Tag.RescaleSlope).strip());
        double intercept =
                Double.parseDouble(dataset.getString(Tag.RescaleIntercept).strip());
        int[] samples = SourceInstances.frameSamples(source, 0);
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()))) {
            MedicalImagingClient client = server.client();
            String ds = client.createDatastore(r -> r.datastoreName("rendered")).datastoreId();
            Imports.run(
                    client,
                    ds,
                    input.toUri().toString(),
                    work.resolve("output").toUri().toString());
            String base = "/datastore/" + ds + "/studies/" + study + "/series/" + series + "/instances/" + instance;

            RawHttp.Response png = get(server, base + "/frames/1/rendered", "window=40,400", "image/png");
            assertThat(png.status())
                    .as(new String(png.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            assertThat(png.header("Content-Type")).isEqualTo("image/png");
            assertEqualsWindowed(decode(png), samples, slope, intercept, 40, 400);

            RawHttp.Response ownWindow = get(server, base + "/rendered", "", "image/png");
            assertEqualsWindowed(
                    decode(ownWindow),
                    samples,
                    slope,
                    intercept,
                    Double.parseDouble(dataset.getString(Tag.WindowCenter).strip()),
                    Double.parseDouble(dataset.getString(Tag.WindowWidth).strip()));

            BufferedImage jpeg = decode(get(server, base + "/frames/1/rendered", "quality=80", "image/jpeg"));
            assertThat(jpeg.getWidth()).isEqualTo(512);
            BufferedImage thumbnail = decode(get(server, base + "/thumbnail", "", "image/png"));
            assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).containsExactly(128, 128);
            BufferedImage region = decode(get(
                    server,
                    "/datastore/" + ds + "/studies/" + study + "/series/" + series + "/thumbnail",
                    "viewport=64,32,0,0,256,256",
                    "image/png"));
            assertThat(new int[] {region.getWidth(), region.getHeight()}).containsExactly(32, 32);
            assertThat(decode(get(server, "/datastore/" + ds + "/studies/" + study + "/thumbnail", "", "image/jpeg"))
                            .getWidth())
                    .isEqualTo(128);

            assertThat(get(server, base + "/frames/1/rendered", "window=40", "image/png")
                            .status())
                    .isEqualTo(400);
            assertThat(get(server, base + "/frames/2/rendered", "", "image/png").status())
                    .isEqualTo(404);
            assertThat(get(server, base + "/frames/1/rendered", "", "text/html").status())
                    .isEqualTo(406);
        }
    }

    /**
     * A syntax kept as it arrived and decoded on read (JPEG baseline, YBR_FULL_422) renders in colour exactly as DCMTK's
     * dcmj2pnm renders the source file (0 of 30,000 samples differed when this was written).
     */
    @Test
    void aJpegBaselineColourFrameRendersAsDcmtkRendersIt(@TempDir Path work) throws Exception {
        String dcmj2pnm = org.openahi.testing.Oracles.require("dcmj2pnm");
        String file = "pydicom/test_files/SC_rgb_dcmtk_+eb+cy+s2.dcm";
        Path input = Files.createDirectories(work.resolve("input"));
        Files.copy(SharedCorpus.dicom(file), input.resolve("sc.dcm"));
        Dataset dataset = DicomReader.read(SharedCorpus.dicom(file)).dataset();
        Path reference = work.resolve("reference.png");
        org.openahi.testing.Oracles.runOk(
                dcmj2pnm, "+on", SharedCorpus.dicom(file).toString(), reference.toString());
        BufferedImage expected = ImageIO.read(reference.toFile());
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()))) {
            MedicalImagingClient client = server.client();
            String ds = client.createDatastore(r -> r.datastoreName("rendered-jpeg"))
                    .datastoreId();
            Imports.run(
                    client,
                    ds,
                    input.toUri().toString(),
                    work.resolve("output").toUri().toString());
            BufferedImage png = decode(get(
                    server,
                    "/datastore/" + ds + "/studies/"
                            + dataset.getString(Tag.StudyInstanceUID).strip() + "/series/"
                            + dataset.getString(Tag.SeriesInstanceUID).strip()
                            + "/instances/"
                            + dataset.getString(Tag.SOPInstanceUID).strip() + "/frames/1/rendered",
                    "",
                    "image/png"));
            assertThat(new int[] {png.getWidth(), png.getHeight()})
                    .containsExactly(expected.getWidth(), expected.getHeight());
            long total = 0;
            int worst = 0;
            for (int y = 0; y < png.getHeight(); y++) {
                for (int x = 0; x < png.getWidth(); x++) {
                    int a = png.getRGB(x, y);
                    int b = expected.getRGB(x, y);
                    for (int shift = 0; shift <= 16; shift += 8) {
                        int difference = Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF));
                        total += difference;
                        worst = Math.max(worst, difference);
                    }
                }
            }
            double mean = (double) total / (png.getWidth() * png.getHeight() * 3);
            System.out.println("JPEG baseline rendered vs dcmj2pnm: mean difference " + mean + ", largest " + worst);
            assertThat(worst)
                    .as("largest difference from dcmj2pnm (mean " + mean + ")")
                    .isZero();
        }
    }

    /** PS3.3 C.11.2.1.2.1, linear, to 0-255, computed here from the source file's samples. */
    private static void assertEqualsWindowed(
            BufferedImage image, int[] samples, double slope, double intercept, double c, double w) {
        assertThat(image.getWidth() * image.getHeight()).isEqualTo(samples.length);
        int differing = 0;
        for (int i = 0; i < samples.length; i++) {
            double x = samples[i] * slope + intercept;
            double y;
            if (x <= c - 0.5 - (w - 1) / 2) {
                y = 0;
            } else if (x > c - 0.5 + (w - 1) / 2) {
                y = 255;
            } else {
                y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
            }
            int expected = (int) Math.round(y);
            int actual = image.getRaster().getSample(i % image.getWidth(), i / image.getWidth(), 0);
            if (actual != expected) {
                differing++;
            }
        }
        assertThat(differing)
                .as("pixels differing from the reference windowing")
                .isZero();
    }

    private static BufferedImage decode(RawHttp.Response response) throws IOException {
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    private static RawHttp.Response get(TestServer server, String path, String query, String accept) {
        return new RawHttp.Request(server)
                .path(path)
                .query(query)
                .header("Accept", accept)
                .send(server);
    }
}
