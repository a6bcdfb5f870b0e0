package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.SopClass;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.GetImageFrameResponse;

/**
 * Video instances (MPEG-2, H.264, HEVC) through the SDK, as AHI documents them: the stream is kept as it arrived and is
 * one image frame, whatever NumberOfFrames says; GetImageFrame returns the whole video object (every fragment, in
 * order) with AHI's content type for the syntax (video/mpeg, video/mp4, and video/H256 as the model spells it), and
 * the frame's checksum is the CRC-32 of that object; WADO-RS gives the instance back with the same stream. The streams are made here: openahi does not decode video, so
 * a start code and random bytes stand for the codec's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoFramesIT {
    private static final String STUDY = "2.25.3318000002";

    private TestServer server;
    private MedicalImagingClient client;
    private String datastoreId;
    private final Map<String, byte[]> streams = new HashMap<>();
    private final Map<String, String> imageSets = new HashMap<>();

    @BeforeAll
    void importVideos(@TempDir Path work) throws Exception {
        server = TestServer.start(Backend.SQLITE, Map.of("OPENAHI_FILE_ROOTS", work.toString()));
        client = server.client();
        Path input = Files.createDirectories(work.resolve("videos"));
        int series = 0;
        for (TransferSyntax syntax :
                List.of(TransferSyntax.MPEG2MPML, TransferSyntax.MPEG4HP41, TransferSyntax.HEVCMP51)) {
            series++;
            streams.put(syntax.uid(), writeVideo(input.resolve(syntax.name() + ".dcm"), syntax, series));
        }
        datastoreId = client.createDatastore(r -> r.datastoreName("video")).datastoreId();
        Imports.Finished finished = Imports.run(
                client,
                datastoreId,
                input.toUri().toString(),
                work.resolve("out").toUri().toString());
        for (JsonNode line : Imports.ndjson(Imports.folder(finished.job()).resolve("SUCCESS/success.ndjson"))) {
            String file = Path.of(line.path("inputFile").asText()).getFileName().toString();
            imageSets.put(
                    TransferSyntax.valueOf(file.substring(0, file.length() - 4)).uid(),
                    line.at("/importResponse/imageSetId").asText());
        }
        assertThat(imageSets).hasSize(3);
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    /** A video instance of three fragments (start code, then random bytes); returns the stream they make. */
    private static byte[] writeVideo(Path file, TransferSyntax syntax, int series) throws Exception {
        byte[] startCode = switch (syntax) {
            case MPEG2MPML -> new byte[] {0, 0, 1, (byte) 0xB3};
            case MPEG4HP41 -> new byte[] {0, 0, 0, 1, 0x67};
            default -> new byte[] {0, 0, 0, 1, 0x40, 1};
        };
        Random random = new Random(series);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<BulkData> fragments = new ArrayList<>();
        for (int size : new int[] {1000, 2048, 1234}) {
            byte[] fragment = new byte[size];
            random.nextBytes(fragment);
            if (fragments.isEmpty()) {
                System.arraycopy(startCode, 0, fragment, 0, startCode.length);
            }
            fragments.add(BulkData.of(fragment));
            stream.writeBytes(fragment);
        }
        Dataset dataset = new Dataset();
        dataset.putStrings(Tag.SOPClassUID, VR.UI, SopClass.VideoEndoscopicImageStorage);
        dataset.putStrings(Tag.SOPInstanceUID, VR.UI, STUDY + "." + series + ".1");
        dataset.putStrings(Tag.StudyInstanceUID, VR.UI, STUDY);
        dataset.putStrings(Tag.SeriesInstanceUID, VR.UI, STUDY + "." + series);
        dataset.putStrings(Tag.PatientID, VR.LO, "VIDEO-1");
        dataset.putStrings(Tag.PatientName, VR.PN, "Video^Patient");
        dataset.putStrings(Tag.Modality, VR.CS, "ES");
        dataset.putStrings(Tag.SeriesNumber, VR.IS, Integer.toString(series));
        dataset.putLongs(Tag.SamplesPerPixel, VR.US, 3);
        dataset.putStrings(Tag.PhotometricInterpretation, VR.CS, "YBR_PARTIAL_420");
        dataset.putLongs(Tag.PlanarConfiguration, VR.US, 0);
        dataset.putStrings(Tag.NumberOfFrames, VR.IS, "30");
        dataset.putLongs(Tag.Rows, VR.US, 480);
        dataset.putLongs(Tag.Columns, VR.US, 640);
        dataset.putLongs(Tag.BitsAllocated, VR.US, 8);
        dataset.putLongs(Tag.BitsStored, VR.US, 8);
        dataset.putLongs(Tag.HighBit, VR.US, 7);
        dataset.putLongs(Tag.PixelRepresentation, VR.US, 0);
        dataset.put(Element.of(Tag.PixelData, VR.OB, new Fragments(new long[0], fragments)));
        DicomWriter.write(file, dataset, syntax);
        return stream.toByteArray();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
        "1.2.840.10008.1.2.4.100, video/mpeg",
        "1.2.840.10008.1.2.4.102, video/mp4",
        "1.2.840.10008.1.2.4.107, video/H256"
    })
    void getImageFrameReturnsTheWholeVideoObjectWithAhisContentType(String syntax, String contentType)
            throws Exception {
        String imageSetId = imageSets.get(syntax);
        JsonNode instance = Imports.instances(Imports.metadata(client, datastoreId, imageSetId, null))
                .elements()
                .next();
        assertThat(instance.path("StoredTransferSyntaxUID").asText()).isEqualTo(syntax);
        assertThat(instance.path("ImageFrames")).as("the stream is one frame").hasSize(1);
        assertThat(instance.at("/DICOM/NumberOfFrames").asText()).isEqualTo("30");
        JsonNode frame = instance.path("ImageFrames").get(0);
        byte[] stream = streams.get(syntax);
        CRC32 crc = new CRC32();
        crc.update(stream);
        assertThat(frame.at("/PixelDataChecksumFromBaseToFullResolution/0/Checksum")
                        .asLong())
                .isEqualTo(crc.getValue());
        assertThat(frame.path("FrameSizeInBytes").asLong()).isEqualTo(stream.length);

        // WADO-RS gives the instance back in its syntax, the stream whole in its fragments, with no offset table.
        String sop = instance.at("/DICOM/SOPInstanceUID").asText();
        RawHttp.Response part10 = new RawHttp.Request(server)
                .path("/datastore/" + datastoreId + "/studies/" + STUDY + "/series/"
                        + sop.substring(0, sop.lastIndexOf('.')) + "/instances/" + sop)
                .header("Accept", "application/dicom; transfer-syntax=*")
                .send(server);
        assertThat(part10.status()).isEqualTo(200);
        DicomFile retrieved = DicomReader.read(new ByteArrayInputStream(part10.body()));
        assertThat(retrieved.transferSyntaxUid()).isEqualTo(syntax);
        Fragments fragments = retrieved.dataset().get(Tag.PixelData).fragments();
        assertThat(fragments.basicOffsetTable()).isEmpty();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (BulkData item : fragments.items()) {
            try (InputStream in = item.openStream()) {
                in.transferTo(joined);
            }
        }
        assertThat(joined.toByteArray()).isEqualTo(stream);

        try (ResponseInputStream<GetImageFrameResponse> response = client.getImageFrame(r -> r.datastoreId(datastoreId)
                .imageSetId(imageSetId)
                .imageFrameInformation(f -> f.imageFrameId(frame.path("ID").asText())))) {
            assertThat(response.response().contentType()).isEqualTo(contentType);
            assertThat(response.readAllBytes()).isEqualTo(stream);
        }
    }
}
