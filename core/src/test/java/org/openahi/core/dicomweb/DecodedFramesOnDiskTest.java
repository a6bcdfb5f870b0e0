package org.openahi.core.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.memory.MemoryBlobStore;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.core.pixels.DecodedFrameSink;
import org.openahi.core.pixels.EncodedFrame;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.StoragePlan;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.SharedCorpus;

/**
 * Real frames stored as import stores them (transcoded to HTJ2K, verified), their decoded samples kept on disk by the
 * ingest path or the first read, served by {@link FrameReader}: always the bytes a fresh decode of the stored frame
 * gives.
 */
class DecodedFramesOnDiskTest {
    /** 16-bit signed MR, 8-bit RGB interleaved, 8-bit RGB interleaved from JPEG-LS, 8-bit RGB plane by plane. */
    private static final List<String> FILES = List.of(
            "pydicom/test_files/MR_small.dcm",
            "pydicom-data/HTJ2KLossless_08_RGB.dcm",
            "pydicom-data/JLSL_RGB_ILV1.dcm",
            "pydicom-data/SC_rgb.dcm",
            "pydicom-data/SC_rgb_16bit.dcm",
            "pydicom-data/color-pl.dcm");

    private static final String PLANAR = "pydicom-data/color-pl.dcm";

    @TempDir
    Path folder;

    private final MemoryBlobStore blobs = new MemoryBlobStore();
    /** What a client gets with no decoded frame kept anywhere: the stored frame decoded now. */
    private final FrameReader decodingEveryTime =
            new FrameReader(blobs, new FrameTranscoder(DecodedFrameSink.NONE), 0, DecodedFrameFiles.off());

    private record Stored(StoredFrame frame, StoredFrames instance) {}

    private Stored store(String relative, FrameTranscoder transcoder) throws Exception {
        DicomFile file = DicomReader.read(SharedCorpus.dicom(relative));
        StoragePlan.Transcode plan = (StoragePlan.Transcode)
                StoragePlan.of(file.fileMeta().getString(Tag.TransferSyntaxUID), file.dataset());
        EncodedFrame encoded =
                transcoder.transcode(file.pixelData().frame(0).readAllBytes(), plan, LosslessStorageFormat.HTJ2K);
        String blobKey = "frames/work/" + relative.replace('/', '_');
        blobs.put(blobKey, new ByteArrayInputStream(encoded.bytes()), encoded.bytes().length);
        transcoder.stored(blobKey, encoded);
        PixelLayout layout = PixelLayout.of(file.dataset());
        return new Stored(
                new StoredFrame("image-set", "frame", blobKey, TransferSyntaxTable.JPH_FILE, encoded.bytes().length),
                new StoredFrames(
                        TransferSyntaxTable.storedLossless(LosslessStorageFormat.HTJ2K)
                                .uid(),
                        List.of("frame"),
                        Optional.of(plan.photometric()
                                .map(layout::withPhotometricInterpretation)
                                .orElse(layout))));
    }

    @Test
    void framesKeptByTheIngestPathAreServedFromDiskAsTheStoredFrameDecodes() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 64L * 1024 * 1024)) {
            FrameTranscoder ingest = new FrameTranscoder(files);
            FrameReader reader = new FrameReader(blobs, new FrameTranscoder(DecodedFrameSink.NONE), 0, files);
            for (String relative : FILES) {
                Stored stored = store(relative, ingest);
                files.awaitWritten();
                byte[] expected = decodingEveryTime.decoded(stored.frame(), stored.instance());
                long hitsBefore = files.counts().hits();
                assertThat(reader.decoded(stored.frame(), stored.instance()))
                        .as(relative)
                        .isEqualTo(expected);
                // Plane-by-plane frames are rearranged by the reader, so ingest leaves them to the first read.
                assertThat(files.counts().hits() - hitsBefore).as(relative).isEqualTo(relative.equals(PLANAR) ? 0 : 1);
                files.awaitWritten();
                assertThat(reader.decoded(stored.frame(), stored.instance()))
                        .as(relative)
                        .isEqualTo(expected);
                assertThat(files.counts().hits() - hitsBefore).as(relative).isEqualTo(relative.equals(PLANAR) ? 1 : 2);
            }
            assertThat(files.counts().files()).isEqualTo(FILES.size());
            assertThat(files.counts().damaged()).isZero();
        }
    }

    @Test
    void samplesHandedOverAtIngestAreNotTheBufferTheNextFrameIsVerifiedIn() throws Exception {
        // A sink that holds what it is given, as the disk tier's queue does until its writer gets to it.
        List<byte[]> held = new ArrayList<>();
        DecodedFrameSink holding = new DecodedFrameSink() {
            @Override
            public boolean takesFrames() {
                return true;
            }

            @Override
            public void offer(String blobKey, byte[] nativePixels) {
                held.add(nativePixels);
            }
        };
        FrameTranscoder ingest = new FrameTranscoder(holding);
        DicomFile file = DicomReader.read(SharedCorpus.dicom("pydicom/test_files/MR_small.dcm"));
        StoragePlan.Transcode plan = (StoragePlan.Transcode)
                StoragePlan.of(file.fileMeta().getString(Tag.TransferSyntaxUID), file.dataset());
        byte[] first = file.pixelData().frame(0).readAllBytes();
        byte[] second = first.clone();
        for (int i = 0; i < second.length; i += 2) {
            second[i] ^= 0x01; // another frame of the same size
        }
        ingest.stored("frames/w/1", ingest.transcode(first, plan, LosslessStorageFormat.HTJ2K));
        ingest.stored("frames/w/2", ingest.transcode(second, plan, LosslessStorageFormat.HTJ2K));
        assertThat(held).hasSize(2);
        assertThat(held.get(0)).isEqualTo(first);
        assertThat(held.get(1)).isEqualTo(second);
    }

    @Test
    void aDamagedFileIsDecodedAgainNeverServed() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 64L * 1024 * 1024)) {
            Stored stored = store("pydicom/test_files/MR_small.dcm", new FrameTranscoder(files));
            files.awaitWritten();
            Path file = files.file(stored.frame().blobKey());
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(file, bytes);

            FrameReader reader = new FrameReader(blobs, new FrameTranscoder(DecodedFrameSink.NONE), 0, files);
            byte[] expected = decodingEveryTime.decoded(stored.frame(), stored.instance());
            assertThat(reader.decoded(stored.frame(), stored.instance())).isEqualTo(expected);
            assertThat(files.counts().damaged()).isEqualTo(1);
            assertThat(files.counts().hits()).isZero();

            files.awaitWritten();
            assertThat(reader.decoded(stored.frame(), stored.instance())).isEqualTo(expected);
            assertThat(files.counts().hits()).isEqualTo(1);
        }
    }

    @Test
    void withoutTheIngestPathTheFirstDecodeIsKept() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 64L * 1024 * 1024)) {
            Stored stored = store("pydicom/test_files/MR_small.dcm", new FrameTranscoder(DecodedFrameFiles.off()));
            files.awaitWritten();
            assertThat(files.counts().written()).isZero();

            FrameReader reader = new FrameReader(blobs, new FrameTranscoder(DecodedFrameSink.NONE), 0, files);
            byte[] expected = decodingEveryTime.decoded(stored.frame(), stored.instance());
            assertThat(reader.decoded(stored.frame(), stored.instance())).isEqualTo(expected);
            files.awaitWritten();
            assertThat(reader.decoded(stored.frame(), stored.instance())).isEqualTo(expected);
            assertThat(files.counts())
                    .extracting(DecodedFrameFiles.Counts::hits, DecodedFrameFiles.Counts::misses)
                    .containsExactly(1L, 1L);
        }
    }
}
