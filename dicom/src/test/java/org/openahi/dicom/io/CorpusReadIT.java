package org.openahi.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;
import org.openahi.testing.SharedCorpus;

/**
 * Reads every corpus file three ways (file with bulk data left in place, whole stream in memory, stream frame by
 * frame) and checks they agree, that frames and fragments match the MANIFEST, and that the broken files fail with
 * {@link DicomParseException}.
 */
class CorpusReadIT {

    /** Structurally broken (as DCMTK also finds them): truncated values, missing delimiter, garbage VR. */
    private static final Set<String> BROKEN = Set.of(
            "pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm",
            "pydicom/test_files/MR_truncated.dcm",
            "pydicom/test_files/SC_rgb_jpeg.dcm",
            "pydicom/test_files/no_meta.dcm",
            "pydicom/test_files/rtplan_truncated.dcm");

    /** Readable, but their Pixel Data cannot be cut into frames: no Rows, or Number of Frames "1A". */
    private static final Set<String> NO_FRAMES = Set.of(
            "pydicom/test_files/badVR.dcm",
            "pydicom/test_files/meta_missing_tsyntax.dcm",
            "pydicom/test_files/nested_priv_SQ.dcm");

    private static final Pattern ITEMS = Pattern.compile("PixelData encapsulated \\((\\d+) items incl. BOT\\)");
    private static final Pattern NATIVE = Pattern.compile("(?:Float|DoubleFloat)?PixelData native \\w\\w len=(\\d+)");

    @Test
    void everyFileReadsTheSameThreeWaysWithItsFrames() throws Exception {
        List<String> problems = new ArrayList<>();
        int files = 0;
        int frames = 0;
        int withWarnings = 0;
        int rejected = 0;
        for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
            files++;
            if (BROKEN.contains(entry.path())) {
                assertThatThrownBy(() -> DicomReader.read(SharedCorpus.dicom(entry.path())))
                        .as(entry.path())
                        .isInstanceOf(DicomParseException.class);
                assertThatThrownBy(() -> {
                            try (InputStream in = Files.newInputStream(SharedCorpus.dicom(entry.path()))) {
                                DicomReader.read(in);
                            }
                        })
                        .as(entry.path())
                        .isInstanceOf(DicomParseException.class);
                rejected++;
                continue;
            }
            DicomFile file = DicomReader.read(SharedCorpus.dicom(entry.path()));
            withWarnings += file.warnings().isEmpty() ? 0 : 1;
            String json = DicomJsonWriter.toJson(file.dataset(), BulkDataPolicy.inline());
            try (InputStream in = Files.newInputStream(SharedCorpus.dicom(entry.path()))) {
                DicomFile inMemory = DicomReader.read(in);
                if (!DicomJsonWriter.toJson(inMemory.dataset(), BulkDataPolicy.inline())
                        .equals(json)) {
                    problems.add(entry.path() + ": reading the stream into memory gives another data set");
                }
            }
            if (NO_FRAMES.contains(entry.path())) {
                assertThatThrownBy(file::pixelData)
                        .as(entry.path())
                        .isInstanceOf(DicomParseException.class)
                        .hasMessageContaining("cannot locate frames");
                continue;
            }
            List<String> digests = frameDigests(file, entry, problems);
            frames += digests.size();
            streamAgrees(entry, file, digests, problems);
        }
        System.out.printf(
                "corpus read: %d files, %d read (%d with warnings), %d rejected, %d frames read three" + " ways%n",
                files, files - rejected, withWarnings, rejected, frames);
        assertThat(problems).isEmpty();
        assertThat(rejected).isEqualTo(BROKEN.size());
    }

    /** The UN elements of these files hold the Implicit VR sequences their attributes are (GDCM, pydicom #1067). */
    @Test
    void unknownSequencesOfTheCorpusReadAsSequencesOnRequest() throws Exception {
        ReadOptions options = ReadOptions.defaults().withUnknownSequences(true);
        for (String file : List.of(
                "pydicom/test_files/rtdose_rle.dcm",
                "pydicom/test_files/rtdose_rle_1frame.dcm",
                "pydicom-data/bad_sequence.dcm")) {
            DicomFile read = DicomReader.read(SharedCorpus.dicom(file), options);
            int tag = file.contains("rtdose")
                    ? org.openahi.dicom.dict.Tag.ReferencedRTPlanSequence
                    : org.openahi.dicom.dict.Tag.CTDIPhantomTypeCodeSequence;
            Element sequence = read.dataset().get(tag);
            assertThat(sequence.vr()).as(file).isEqualTo(org.openahi.dicom.VR.SQ);
            assertThat(sequence.items()).as(file).isNotEmpty();
            assertThat(sequence.items().get(0).size()).as(file).isPositive();
            System.out.println("unknown sequence: " + file + " " + org.openahi.dicom.Tags.format(tag) + " has "
                    + sequence.items().size() + " item(s) of "
                    + sequence.items().get(0).size() + " elements");
        }
    }

    private static List<String> frameDigests(DicomFile file, SharedCorpus.Entry entry, List<String> problems)
            throws Exception {
        PixelData pixels = file.pixelData();
        List<String> digests = new ArrayList<>();
        if (pixels == null) {
            if (entry.notes().contains("PixelData ")) {
                problems.add(entry.path() + ": MANIFEST says it has pixel data");
            }
            return digests;
        }
        if (entry.frames().matches("\\d+") && pixels.frameCount() != Integer.parseInt(entry.frames())) {
            problems.add(entry.path() + ": " + pixels.frameCount() + " frames, MANIFEST says " + entry.frames());
        }
        Matcher items = ITEMS.matcher(entry.notes());
        Matcher length = NATIVE.matcher(entry.notes());
        Element element = pixels.element();
        if (pixels.encapsulated()) {
            if (!items.find() || element.fragments().items().size() + 1 != Integer.parseInt(items.group(1))) {
                problems.add(entry.path() + ": " + (element.fragments().items().size() + 1) + " items, MANIFEST: "
                        + entry.notes());
            }
        } else if (!length.find() || element.length() != Long.parseLong(length.group(1))) {
            problems.add(entry.path() + ": native value of " + element.length() + " bytes, MANIFEST: " + entry.notes());
        }
        for (int i = 0; i < pixels.frameCount(); i++) {
            Frame frame = pixels.frame(i);
            byte[] bytes = frame.readAllBytes();
            if (bytes.length != frame.length() || bytes.length == 0) {
                problems.add(entry.path() + ": frame " + i + " has " + bytes.length + " bytes, said " + frame.length());
            }
            digests.add(sha256(bytes));
        }
        return digests;
    }

    /** Frame by frame from a stream: the same frames, and after finish() the same data set without pixel data. */
    private static void streamAgrees(
            SharedCorpus.Entry entry, DicomFile file, List<String> digests, List<String> problems) throws Exception {
        try (InputStream in = Files.newInputStream(SharedCorpus.dicom(entry.path()));
                DicomStream stream = DicomReader.stream(in)) {
            List<String> streamed = new ArrayList<>();
            for (Frame f; (f = stream.nextFrame()) != null; ) {
                try (InputStream bytes = f.openStream()) {
                    streamed.add(sha256(bytes.readAllBytes()));
                }
            }
            if (!streamed.equals(digests)) {
                problems.add(
                        entry.path() + ": streamed frames differ (" + streamed.size() + " vs " + digests.size() + ")");
            }
            Dataset all = stream.finish();
            Dataset expected = file.dataset();
            if (stream.hasPixelData()) {
                expected = copyWithout(expected, stream.pixelDataTag());
            }
            if (!DicomJsonWriter.toJson(all, BulkDataPolicy.inline())
                    .equals(DicomJsonWriter.toJson(expected, BulkDataPolicy.inline()))) {
                problems.add(entry.path() + ": streamed data set differs");
            }
        }
    }

    private static Dataset copyWithout(Dataset dataset, int tag) {
        Dataset copy = new Dataset();
        for (Element e : dataset) {
            if (e.tag() != tag) {
                copy.put(e);
            }
        }
        return copy;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
