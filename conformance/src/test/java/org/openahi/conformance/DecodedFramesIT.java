package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.SharedCorpus;

/**
 * The disk tier of decoded frames seen from outside (docs/decisions.md, "Decoded frames on disk"): instances just
 * stored by STOW-RS are served uncompressed from the files ingest wrote, the others from the files their first read
 * wrote, always equal to the source's pixels decoded.
 */
class DecodedFramesIT {
    private static final String ELE = "1.2.840.10008.1.2.1";
    private static final String OCTET_STREAM =
            "multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + ELE;

    /** Transcoded to HTJ2K with their components interleaved: kept on disk by the ingest. */
    private static final List<String> KEPT_AT_INGEST = List.of(
            "pydicom/test_files/MR_small.dcm", "pydicom-data/SC_rgb.dcm", "pydicom/test_files/GDCMJ2K_TextGBR.dcm");
    /** Transcoded but plane by plane, and kept as received (lossy JPEG): kept on disk by their first read. */
    private static final List<String> KEPT_AT_FIRST_READ =
            List.of("pydicom-data/color-pl.dcm", "pydicom/test_files/SC_rgb_dcmtk_+eb+cr.dcm");

    @Test
    void freshlyStoredInstancesAreServedFromDiskAsTheirSourceDecodes() throws Exception {
        // The memory tier off, so that every read after the first comes from the disk tier.
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_DECODED_FRAME_CACHE_BYTES", "0"))) {
            String datastoreId = server.client()
                    .createDatastore(r -> r.datastoreName("decoded"))
                    .datastoreId();
            List<String> files = new ArrayList<>(KEPT_AT_INGEST);
            files.addAll(KEPT_AT_FIRST_READ);
            List<Path> paths = files.stream().map(SharedCorpus::dicom).toList();
            RawHttp.Request stow = new RawHttp.Request(server)
                    .method("POST")
                    .path("/datastore/" + datastoreId + "/studies")
                    .header("Content-Type", Multipart.DICOM)
                    .header("Accept", "application/dicom+json");
            stow.body = Multipart.dicomParts(paths);
            RawHttp.Response stored = stow.send(server);
            assertThat(stored.status())
                    .as(stored.header("warning") + new String(stored.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            awaitCounter(server, "writes_total", "written", KEPT_AT_INGEST.size());

            for (Path path : paths) {
                assertThat(frame(server, datastoreId, path)).as(path.toString()).isEqualTo(decodedSource(path));
            }
            assertThat(counter(server, "reads_total", "hit")).isEqualTo(KEPT_AT_INGEST.size());
            assertThat(counter(server, "reads_total", "miss")).isEqualTo(KEPT_AT_FIRST_READ.size());

            awaitCounter(server, "writes_total", "written", files.size());
            for (Path path : paths) {
                assertThat(frame(server, datastoreId, path)).as(path.toString()).isEqualTo(decodedSource(path));
            }
            assertThat(counter(server, "reads_total", "hit")).isEqualTo(KEPT_AT_INGEST.size() + files.size());
            assertThat(counter(server, "reads_total", "damaged")).isZero();
            assertThat(counter(server, "files", null)).isEqualTo(files.size());
        }
    }

    @Test
    void slicesOfOneSizeStoredInOneRequestAreEachServedFromTheirOwnFile() throws Exception {
        // Ingest threads verify frame after frame of one size: each file must hold its own frame's samples.
        List<Path> slices;
        try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve(ImageSets.SERIES_01))) {
            slices = files.sorted().limit(12).toList();
        }
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_DECODED_FRAME_CACHE_BYTES", "0"))) {
            String datastoreId = server.client()
                    .createDatastore(r -> r.datastoreName("slices"))
                    .datastoreId();
            RawHttp.Request stow = new RawHttp.Request(server)
                    .method("POST")
                    .path("/datastore/" + datastoreId + "/studies")
                    .header("Content-Type", Multipart.DICOM)
                    .header("Accept", "application/dicom+json");
            stow.body = Multipart.dicomParts(slices);
            assertThat(stow.send(server).status()).isEqualTo(200);
            awaitCounter(server, "writes_total", "written", slices.size());
            for (Path slice : slices) {
                assertThat(frame(server, datastoreId, slice))
                        .as(slice.toString())
                        .isEqualTo(decodedSource(slice));
            }
            assertThat(counter(server, "reads_total", "hit")).isEqualTo(slices.size());
        }
    }

    /** The instance's first frame as native pixel data. */
    private static byte[] frame(TestServer server, String datastoreId, Path source) throws Exception {
        var dataset = DicomReader.read(source).dataset();
        String path = "/datastore/" + datastoreId + "/studies/" + dataset.getString(Tag.StudyInstanceUID) + "/series/"
                + dataset.getString(Tag.SeriesInstanceUID) + "/instances/" + dataset.getString(Tag.SOPInstanceUID)
                + "/frames/1";
        RawHttp.Response response = new RawHttp.Request(server)
                .path(path)
                .header("Accept", OCTET_STREAM)
                .send(server);
        assertThat(response.status()).as(source.toString()).isEqualTo(200);
        List<Multipart.Part> parts = Multipart.parse(response.header("content-type"), response.body());
        assertThat(parts).hasSize(1);
        return parts.get(0).body();
    }

    /** The source file's first frame as native pixel data: as it is, or decoded by its syntax's decoder. */
    private static byte[] decodedSource(Path source) throws Exception {
        DicomFile file = DicomReader.read(source);
        byte[] frame = file.pixelData().frame(0).readAllBytes();
        SyntaxRule syntax = TransferSyntaxTable.require(file.fileMeta().getString(Tag.TransferSyntaxUID));
        return syntax.nativePixels() ? frame : syntax.decoder().decode(frame, PixelLayout.of(file.dataset()));
    }

    private static long counter(TestServer server, String metric, String result) {
        String metrics = new String(
                RawHttp.send(server.port(), "GET", "/_openahi/metrics", Map.of(), new byte[0])
                        .body(),
                StandardCharsets.UTF_8);
        Matcher value = Pattern.compile("(?m)^openahi_decoded_frame_disk_" + metric + "\\{[^}]*"
                        + (result == null ? "" : "result=\"" + result + "\"[^}]*") + "} (\\S+)$")
                .matcher(metrics);
        assertThat(value.find()).as(metric + " " + result + " in " + metrics).isTrue();
        return (long) Double.parseDouble(value.group(1));
    }

    /** Waits (up to a minute: the writer thread is behind the acknowledgement) for the counter to reach the count. */
    private static void awaitCounter(TestServer server, String metric, String result, long count)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (counter(server, metric, result) < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(counter(server, metric, result)).isEqualTo(count);
    }
}
