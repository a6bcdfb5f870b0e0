package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.core.pixels.Codec;
import org.openahi.core.pixels.OnImport;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.testing.Oracles;
import org.openahi.testing.PixelValues;
import org.openahi.testing.SharedCorpus;

/**
 * Every file of the shared corpus whose transfer syntax openahi decodes (the {@link TransferSyntaxTable}'s codecs
 * other than native) is stored by STOW-RS, the write path import jobs share, and its frames are read back decoded
 * (WADO-RS frames in Explicit VR Little Endian): transcoded frames from what the data store holds, kept ones (JPEG
 * Baseline, JPEG 2000, HTJ2K lossy) decoded on read. Each frame must hold exactly the pixel values an independent
 * decoder gets from the source file — DCMTK's dcmdjpeg (+cn: no colour conversion), dcmdjpls and dcmdrle, OpenJPEG's
 * opj_decompress for JPEG 2000, OpenJPH's ojph_expand for HTJ2K — within ±1 for lossy DCT (JPEG .50, .51 and the
 * retired DCT processes) and lossy HTJ2K ({@link #WITHIN_ONE}).
 * A file the independent decoder refuses must be refused (the import path decodes every frame it transcodes), or, for
 * a kept syntax, fail when decoded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodecCorpusIT {
    private static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    private static final Set<String> HTJ2K =
            Set.of("1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203");
    /**
     * Lossy syntaxes whose decoders may round differently by one: DCT (the bound against DCMTK), and lossy HTJ2K
     * against the distribution's OpenJPH 0.9 — openahi follows OpenJPH 0.31, with which htj2k's ForeignStreamsIT finds
     * the corpus's lossy HTJ2K file bit-exact.
     */
    private static final Set<String> WITHIN_ONE = Set.of(
            "1.2.840.10008.1.2.4.50",
            "1.2.840.10008.1.2.4.51",
            "1.2.840.10008.1.2.4.52",
            "1.2.840.10008.1.2.4.53",
            "1.2.840.10008.1.2.4.54",
            "1.2.840.10008.1.2.4.55",
            "1.2.840.10008.1.2.4.56",
            "1.2.840.10008.1.2.4.203");
    /**
     * Files the independent decoders do not read although they are valid, with the same image stored native in the
     * corpus, which is their reference: DCMTK 3.6.7 has no 1-bit RLE and no Deflated Image Frame Compression.
     */
    private static final Map<String, String> NATIVE_TWINS = Map.of(
            "pydicom-data/liver_rle.dcm", "pydicom-data/liver.dcm",
            "pydicom-data/liver_deflate.dcm", "pydicom-data/liver.dcm",
            "pydicom-data/liver_nonbyte_aligned_rle.dcm", "pydicom-data/liver_nonbyte_aligned.dcm",
            "pydicom-data/liver_nonbyte_aligned_deflate.dcm", "pydicom-data/liver_nonbyte_aligned.dcm");
    /** Files no independent decoder here reads, and where their decoding is checked instead. */
    private static final Map<String, String> CHECKED_ELSEWHERE = Map.of(
            "pydicom-data/JLSL_08_07_0_1F.dcm",
            "dcmdjpls refuses its 7-bit LSE; jpegls's DicomCorpusIT compares it with" + " CharLS 2.4");

    private TestServer server;
    private String datastoreId;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    /** Files not stored, with the server's reason. */
    private final Map<String, String> refusals = new TreeMap<>();

    private long samplesCompared;
    private long samplesOffByOne;
    private long started;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.SQLITE);
        try (var client = server.client()) {
            datastoreId = client.createDatastore(r -> r.datastoreName("codecs")).datastoreId();
        }
        started = System.nanoTime();
    }

    @AfterAll
    void stop() {
        System.out.printf(
                "CodecCorpusIT: %s in %d ms; %d samples compared, %d of them (lossy) one apart%n",
                outcomes, (System.nanoTime() - started) / 1_000_000, samplesCompared, samplesOffByOne);
        refusals.forEach((file, reason) -> System.out.printf("CodecCorpusIT:   not stored: %s: %s%n", file, reason));
        if (server != null) {
            server.close();
        }
    }

    /** The corpus files whose syntax has a decoder that is not native, with it. */
    Stream<String> files() {
        List<String> files = SharedCorpus.manifest().stream()
                .filter(entry -> TransferSyntaxTable.find(entry.transferSyntaxUid())
                        .filter(rule -> rule.decodable() && rule.codec() != Codec.NATIVE)
                        .isPresent())
                .map(SharedCorpus.Entry::path)
                .toList();
        assertThat(files).as("corpus files with a decodable compressed syntax").isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void storedFramesDecodeToWhatAnIndependentDecoderGetsFromTheSource(String relative, @TempDir Path work)
            throws Exception {
        Path source = SharedCorpus.dicom(relative);
        DicomFile file;
        try {
            file = DicomReader.read(source);
        } catch (DicomParseException unreadable) {
            RawHttp.Response refused = stow(source);
            assertThat(refused.status()).as(relative + ": not readable").isEqualTo(409);
            assertThat(refused.header("warning")).contains("Not a readable DICOM file");
            outcomes.merge("not a readable file, refused", 1, Integer::sum);
            return;
        }
        if (file.pixelData() == null) {
            outcomes.merge("no Pixel Data", 1, Integer::sum);
            return;
        }
        String syntax = file.fileMeta().getString(Tag.TransferSyntaxUID).strip();
        SyntaxRule rule = TransferSyntaxTable.find(syntax).orElseThrow();
        boolean checkedElsewhere = CHECKED_ELSEWHERE.containsKey(relative);
        Optional<List<long[]>> expected = checkedElsewhere ? Optional.empty() : reference(relative, file, syntax, work);
        int tolerance = WITHIN_ONE.contains(syntax) ? 1 : 0;

        RawHttp.Response stored = stow(withIdentity(source, file, work));
        String reason = String.valueOf(stored.header("warning"));
        if (expected.isEmpty() && !checkedElsewhere && rule.onImport() == OnImport.TRANSCODE) {
            assertThat(stored.status())
                    .as(relative + ": refused by the independent decoder, so not stored")
                    .isEqualTo(409);
            refusals.put(relative, reason);
            if (!reason.contains("frame ")) {
                // Refused before its frames were read: the table's codec must refuse one of them too.
                assertThat(refusedByCodec(file, rule))
                        .as(relative + ": a frame the codec refuses")
                        .isTrue();
            }
            outcomes.merge("refused like the independent decoder", 1, Integer::sum);
            return;
        }
        if (stored.status() == 409 && reason.contains("DICOM attribute") && expected.isPresent()) {
            // Refused for an attribute that has nothing to do with its pixels: its frames through the table's codec.
            PixelLayout layout = PixelLayout.of(file.dataset());
            PixelLayout decoded = rule.decoder().decodedLayout(layout);
            for (int frame = 0; frame < file.pixelData().frameCount(); frame++) {
                byte[] pixels =
                        rule.decoder().decode(file.pixelData().frame(frame).readAllBytes(), layout);
                compare(
                        relative,
                        frame,
                        PixelValues.of(
                                pixels,
                                decoded.rows(),
                                decoded.columns(),
                                decoded.samplesPerPixel(),
                                decoded.bitsAllocated(),
                                decoded.bitsStored(),
                                decoded.signed(),
                                decoded.planar()),
                        expected.get().get(frame),
                        tolerance);
            }
            refusals.put(relative, reason);
            outcomes.merge("refused for an attribute; its codec's samples equal", 1, Integer::sum);
            return;
        }
        assertThat(stored.status()).as(relative + ": " + reason).isEqualTo(200);
        String instance = retrieveUrl(stored);
        RawHttp.Response frames = get(
                withPath(
                        instance,
                        "/frames/"
                                + IntStream.rangeClosed(1, file.pixelData().frameCount())
                                        .mapToObj(Integer::toString)
                                        .collect(Collectors.joining(","))),
                "multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + EXPLICIT_VR_LITTLE_ENDIAN);
        if (expected.isEmpty() && !checkedElsewhere) {
            assertThat(frames.status())
                    .as(relative + ": kept, refused by the independent decoder, so not decodable")
                    .isNotEqualTo(200);
            outcomes.merge("kept, refused on decoding like the independent decoder", 1, Integer::sum);
            return;
        }
        assertThat(frames.status())
                .as(relative + " frames: " + new String(frames.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        JsonNode metadata = get(withPath(instance, "/metadata"), "application/dicom+json")
                .json()
                .get(0);
        List<Multipart.Part> parts = Multipart.parse(frames.header("content-type"), frames.body());
        assertThat(parts).as(relative + " frames").hasSize(file.pixelData().frameCount());
        if (expected.isEmpty()) {
            outcomes.merge("stored, decoded; compared elsewhere", 1, Integer::sum);
            return;
        }
        for (int frame = 0; frame < parts.size(); frame++) {
            compare(
                    relative,
                    frame,
                    values(parts.get(frame).body(), metadata),
                    expected.get().get(frame),
                    tolerance);
        }
        outcomes.merge(
                rule.onImport() == OnImport.TRANSCODE ? "transcoded, equal" : "kept, decoded on read, equal",
                1,
                Integer::sum);
    }

    private static boolean refusedByCodec(DicomFile file, SyntaxRule rule) throws Exception {
        PixelLayout layout = PixelLayout.of(file.dataset());
        for (int frame = 0; frame < file.pixelData().frameCount(); frame++) {
            try {
                rule.decoder().decode(file.pixelData().frame(frame).readAllBytes(), layout);
            } catch (UnsupportedPixelsException refused) {
                return true;
            }
        }
        return false;
    }

    private void compare(String relative, int frame, long[] ours, long[] theirs, int tolerance) {
        assertThat(ours.length)
                .as(relative + " frame " + (frame + 1) + " samples")
                .isEqualTo(theirs.length);
        samplesCompared += ours.length;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != theirs[i]) {
                samplesOffByOne++;
            }
            if (Math.abs(ours[i] - theirs[i]) > tolerance) {
                throw new AssertionError(relative + " frame " + (frame + 1) + " sample " + i + ": " + ours[i]
                        + ", the independent decoder " + theirs[i]);
            }
        }
    }

    /** The source's pixel values per frame as the independent decoder gives them; empty when it refuses the file. */
    private static Optional<List<long[]>> reference(String relative, DicomFile file, String syntax, Path work)
            throws IOException {
        if (NATIVE_TWINS.containsKey(relative)) {
            return Optional.of(nativeFrames(DicomReader.read(SharedCorpus.dicom(NATIVE_TWINS.get(relative)))));
        }
        Codec codec = TransferSyntaxTable.find(syntax).orElseThrow().codec();
        if (HTJ2K.contains(syntax)) {
            return openJph(file, work);
        }
        if (codec == Codec.JPEG_2000) {
            return openJpeg(file, work);
        }
        String tool = switch (codec) {
            case JPEG_LS -> "dcmdjpls";
            case RLE -> "dcmdrle";
            default -> "dcmdjpeg";
        };
        Path out = work.resolve("decoded.dcm");
        List<String> command = new ArrayList<>(List.of(Oracles.require(tool)));
        if (tool.equals("dcmdjpeg")) {
            command.add("+cn"); // the samples as coded: openahi converts no colour
        }
        command.addAll(List.of(SharedCorpus.dicom(relative).toString(), out.toString()));
        if (Oracles.run(command).exitCode() != 0) {
            return Optional.empty();
        }
        return Optional.of(nativeFrames(DicomReader.read(out)));
    }

    private static List<long[]> nativeFrames(DicomFile file) throws IOException {
        Dataset dataset = file.dataset();
        List<long[]> frames = new ArrayList<>();
        for (int frame = 0; frame < file.pixelData().frameCount(); frame++) {
            frames.add(PixelValues.of(
                    file.pixelData().frame(frame).readAllBytes(),
                    dataset.getInt(Tag.Rows, 0),
                    dataset.getInt(Tag.Columns, 0),
                    dataset.getInt(Tag.SamplesPerPixel, 1),
                    dataset.getInt(Tag.BitsAllocated, 0),
                    dataset.getInt(Tag.BitsStored, 0),
                    dataset.getInt(Tag.PixelRepresentation, 0) == 1,
                    dataset.getInt(Tag.PlanarConfiguration, 0) == 1));
        }
        return frames;
    }

    /** Each frame's codestream through opj_decompress ({@link OpenJpeg}), read as the data set's pixel values. */
    private static Optional<List<long[]>> openJpeg(DicomFile file, Path work) throws IOException {
        Dataset dataset = file.dataset();
        Path folder = Files.createDirectories(work.resolve("j2k"));
        int frames = file.pixelData().frameCount();
        for (int frame = 0; frame < frames; frame++) {
            byte[] codestream = file.pixelData().frame(frame).readAllBytes();
            boolean jp2 = codestream.length > 8 && codestream[4] == 'j' && codestream[5] == 'P';
            Files.write(folder.resolve("frame" + frame + (jp2 ? ".jp2" : ".j2k")), codestream);
        }
        Map<String, OpenJpeg.Planes> decoded = OpenJpeg.decodeAll(folder);
        List<long[]> values = new ArrayList<>();
        for (int frame = 0; frame < frames; frame++) {
            OpenJpeg.Planes planes = decoded.get("frame" + frame);
            if (planes == null) {
                return Optional.empty();
            }
            values.add(PixelValues.of(
                    planes.samples(),
                    dataset.getInt(Tag.Rows, 0),
                    dataset.getInt(Tag.Columns, 0),
                    dataset.getInt(Tag.SamplesPerPixel, 1),
                    8 * planes.bytes(),
                    Math.min(8 * planes.bytes(), dataset.getInt(Tag.BitsStored, 8 * planes.bytes())),
                    dataset.getInt(Tag.PixelRepresentation, 0) == 1,
                    true));
        }
        return Optional.of(values);
    }

    /**
     * Each frame's HTJ2K codestream through OpenJPH's ojph_expand (the decoder openahi's HTJ2K decoding follows;
     * OpenJPEG rounds irreversible samples otherwise) to a PGM or PPM image.
     */
    private static Optional<List<long[]>> openJph(DicomFile file, Path work) throws IOException {
        Dataset dataset = file.dataset();
        int components = dataset.getInt(Tag.SamplesPerPixel, 1);
        List<long[]> frames = new ArrayList<>();
        for (int frame = 0; frame < file.pixelData().frameCount(); frame++) {
            Path in = work.resolve("frame" + frame + ".j2c");
            Path out = work.resolve("frame" + frame + (components == 1 ? ".pgm" : ".ppm"));
            Files.write(in, file.pixelData().frame(frame).readAllBytes());
            if (Oracles.run(Oracles.require("ojph_expand"), "-i", in.toString(), "-o", out.toString())
                            .exitCode()
                    != 0) {
                return Optional.empty();
            }
            byte[] pnm = Files.readAllBytes(out);
            // "P5|P6 <width> <height> <maxval>" and one whitespace byte, then the samples, big-endian above 255.
            String[] header = new String(pnm, 0, Math.min(pnm.length, 64), StandardCharsets.US_ASCII).split("\\s+", 5);
            int width = Integer.parseInt(header[1]);
            int height = Integer.parseInt(header[2]);
            int bytes = Integer.parseInt(header[3]) > 255 ? 2 : 1;
            int start = pnm.length - width * height * components * bytes;
            byte[] littleEndian = new byte[pnm.length - start];
            for (int i = 0; i < littleEndian.length; i += bytes) {
                for (int b = 0; b < bytes; b++) {
                    littleEndian[i + b] = pnm[start + i + bytes - 1 - b];
                }
            }
            frames.add(PixelValues.of(
                    littleEndian,
                    height,
                    width,
                    components,
                    8 * bytes,
                    Math.min(8 * bytes, dataset.getInt(Tag.BitsStored, 8 * bytes)),
                    dataset.getInt(Tag.PixelRepresentation, 0) == 1,
                    false));
        }
        return Optional.of(frames);
    }

    /** A decoded frame's pixel values, by the instance's metadata (its components interleaved, as the server sends). */
    private static long[] values(byte[] frame, JsonNode metadata) {
        int rows = metadata.at("/00280010/Value/0").asInt();
        int columns = metadata.at("/00280011/Value/0").asInt();
        int samples = metadata.at("/00280002/Value/0").asInt(1);
        int bitsAllocated = metadata.at("/00280100/Value/0").asInt();
        int bitsStored = metadata.at("/00280101/Value/0").asInt(bitsAllocated);
        boolean signed = metadata.at("/00280103/Value/0").asInt(0) == 1;
        boolean planar = metadata.at("/00280006/Value/0").asInt(0) == 1;
        return PixelValues.of(frame, rows, columns, samples, bitsAllocated, bitsStored, signed, planar);
    }

    /**
     * The file, or a copy with the Study, Series and SOP Instance UIDs it lacks or has wrong (several codec test files
     * have none; import refuses such files for their identity, and their frames are what this test is about), written
     * by the dicom module (DCMTK 3.6.7 cannot rewrite HTJ2K files).
     */
    private static Path withIdentity(Path source, DicomFile file, Path work) throws IOException {
        Dataset dataset = file.dataset();
        boolean missing = false;
        for (int tag : new int[] {Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID}) {
            String uid = dataset.getString(tag);
            if (uid == null || !uid.strip().matches("[0-9]+(\\.[0-9]+)*")) {
                dataset.putStrings(
                        tag,
                        VR.UI,
                        "2.25." + new BigInteger(UUID.randomUUID().toString().replace("-", ""), 16));
                missing = true;
            }
        }
        if (!missing) {
            return source;
        }
        Path copy = work.resolve("identified.dcm");
        try (OutputStream out = Files.newOutputStream(copy)) {
            DicomWriter.write(out, file.fileMeta(), dataset, file.transferSyntax());
        }
        return copy;
    }

    private RawHttp.Response stow(Path file) throws IOException {
        RawHttp.Request request = new RawHttp.Request(server)
                .method("POST")
                .path("/datastore/" + datastoreId + "/studies")
                .header("Content-Type", "application/dicom")
                .header("Accept", "application/dicom+json");
        request.body = Files.readAllBytes(file);
        return request.send(server);
    }

    private static String retrieveUrl(RawHttp.Response stored) {
        URI url = URI.create(
                stored.json().at("/00081199/Value/0/00081190/Value/0").asText());
        return url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    }

    private RawHttp.Response get(String pathAndQuery, String accept) {
        int query = pathAndQuery.indexOf('?');
        RawHttp.Request request = new RawHttp.Request(server)
                .path(query < 0 ? pathAndQuery : pathAndQuery.substring(0, query))
                .header("Accept", accept);
        if (query >= 0) {
            request.query(pathAndQuery.substring(query + 1));
        }
        return request.send(server);
    }

    private static String withPath(String url, String suffix) {
        int query = url.indexOf('?');
        return query < 0 ? url + suffix : url.substring(0, query) + suffix + url.substring(query);
    }
}
