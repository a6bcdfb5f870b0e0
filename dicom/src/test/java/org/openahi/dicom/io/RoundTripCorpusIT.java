package org.openahi.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.Tags;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * Read → write → read gives the same data set for every readable corpus file. Native files are written in Explicit
 * VR Little Endian, encapsulated ones in their own transfer syntax. "Same" means every element with the same tag,
 * VR and value, items and fragments included, except: values of odd length come back padded to even length (the
 * writer must pad, PS3.5 §7.1.1), and group lengths carry the recomputed length. Reading the written file gives no
 * warning the original did not give. With DCMTK installed, dcmdump must read every written file without error.
 */
class RoundTripCorpusIT {

    @TempDir
    Path temp;

    @Test
    void everyReadableFileSurvivesWriteAndRead() throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> written = new ArrayList<>();
        int files = 0;
        for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
            DicomFile original;
            try {
                original = DicomReader.read(SharedCorpus.dicom(entry.path()));
            } catch (DicomParseException broken) {
                continue;
            }
            Element pixels = original.dataset().get(Tag.PixelData);
            TransferSyntax ts = pixels != null && pixels.isEncapsulated()
                    ? original.transferSyntax()
                    : TransferSyntax.ExplicitVRLittleEndian;
            Path copy = temp.resolve(files + ".dcm");
            try (var out = java.nio.file.Files.newOutputStream(copy)) {
                DicomWriter.write(out, original.fileMeta(), original.dataset(), ts);
            }
            DicomFile reread = DicomReader.read(copy);
            List<String> known =
                    original.warnings().stream().map(ReadWarning::message).toList();
            if (!reread.warnings().stream().map(ReadWarning::message).allMatch(known::contains)) {
                problems.add(entry.path() + ": written file reads with new warnings " + reread.warnings());
            }
            assertThat(reread.transferSyntaxUid()).isEqualTo(ts.uid());
            compare(original.dataset(), reread.dataset(), entry.path(), problems);
            written.add(copy.toString());
            files++;
        }
        System.out.println("round trip: " + files + " files read, written and read again");
        assertThat(problems).isEmpty();
        assertThat(files).isEqualTo(565);
        dcmtkReadsThem(written);
    }

    private static void dcmtkReadsThem(List<String> files) {
        List<String> command = new ArrayList<>(List.of(Oracles.require("dcmdump")));
        command.addAll(files);
        Oracles.Result result = Oracles.run(command.toArray(String[]::new));
        List<String> errors = result.stderr()
                .lines()
                .filter(l -> l.startsWith("E:") || l.startsWith("F:"))
                .toList();
        System.out.println("round trip: dcmdump read the " + files.size() + " written files, exit "
                + result.exitCode() + ", "
                + result.stderr().lines().filter(l -> l.startsWith("W:")).count()
                + " warnings about content carried over from the originals");
        assertThat(errors).as("dcmdump errors").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    static void compare(Dataset a, Dataset b, String path, List<String> problems) throws Exception {
        Set<Integer> tags = new java.util.TreeSet<>();
        a.forEach(e -> tags.add(e.tag()));
        b.forEach(e -> tags.add(e.tag()));
        for (int tag : tags) {
            Element x = a.get(tag);
            Element y = b.get(tag);
            String at = path + " " + Tags.format(tag);
            if (x == null || y == null) {
                problems.add(at + ": only in the " + (x == null ? "rewritten" : "original") + " file");
            } else if (x.vr() != y.vr()) {
                problems.add(at + ": VR " + x.vr() + " became " + y.vr());
            } else if (x.isSequence()) {
                Sequence i = x.items();
                Sequence j = y.items();
                if (i.size() != j.size()) {
                    problems.add(at + ": " + i.size() + " items became " + j.size());
                }
                for (int k = 0; k < Math.min(i.size(), j.size()); k++) {
                    compare(i.get(k), j.get(k), at + "[" + k + "]", problems);
                }
            } else if (x.isEncapsulated()) {
                if (!y.isEncapsulated()
                        || !digests(x.fragments().items())
                                .equals(digests(y.fragments().items()))
                        || !java.util.Arrays.equals(
                                x.fragments().basicOffsetTable(), y.fragments().basicOffsetTable())) {
                    problems.add(at + ": fragments differ");
                }
            } else if (!Tags.isGroupLength(tag)
                    && !evenPadded(x.bulkData(), x.vr().paddingByte())
                            .equals(Base64.getEncoder()
                                    .encodeToString(y.bulkData().readAllBytes()))) {
                problems.add(at + ": value differs");
            }
        }
    }

    private static String evenPadded(BulkData value, byte padding) throws Exception {
        byte[] bytes = value.readAllBytes();
        if (bytes.length % 2 == 1) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            bytes[bytes.length - 1] = padding;
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static List<String> digests(List<BulkData> fragments) throws Exception {
        List<String> digests = new ArrayList<>();
        for (BulkData f : fragments) {
            digests.add(evenPadded(f, (byte) 0));
        }
        return digests;
    }
}
