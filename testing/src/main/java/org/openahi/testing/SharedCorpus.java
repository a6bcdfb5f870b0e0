package org.openahi.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared, read-only material beside the checkout ({@code ../shared}: the public DICOM corpus with its
 * MANIFEST.tsv, the standard's tables, the HTJ2K notes and verifier), found through the system property
 * {@code openahi.shared} that the build sets. A test that needs it fails, never skips, when it is missing.
 */
public final class SharedCorpus {

    /** One row of {@code dicom/MANIFEST.tsv}. */
    public record Entry(String path, String transferSyntaxUid, String frames, String characterSet, String notes) {
        public boolean broken() {
            return notes.contains("BROKEN:");
        }
    }

    private SharedCorpus() {}

    /** The shared folder. */
    public static Path root() {
        String property = System.getProperty("openahi.shared", "../../shared");
        Path root = Path.of(property).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("dicom/MANIFEST.tsv"))) {
            fail("the shared material is missing at " + root + " (system property openahi.shared; ./openahi test takes "
                    + "it from OPENAHI_SHARED, by default ../shared beside the checkout)");
        }
        return root;
    }

    /** The DICOM corpus. */
    public static Path dicom() {
        return root().resolve("dicom");
    }

    /** A corpus file by its path relative to the corpus (as MANIFEST.tsv names it). */
    public static Path dicom(String relative) {
        return dicom().resolve(relative);
    }

    /** The GE MR study: 235 instances in 5 series. */
    public static Path geStudy() {
        return dicom("dcm_qa_ge");
    }

    /** Every row of MANIFEST.tsv, in its order. */
    public static List<Entry> manifest() {
        try {
            List<String> lines = Files.readAllLines(dicom().resolve("MANIFEST.tsv"));
            List<String> header = List.of(lines.get(0).split("\t"));
            List<Entry> entries = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                entries.add(new Entry(
                        f[header.indexOf("relative_path")],
                        f[header.indexOf("transfer_syntax_uid")],
                        f[header.indexOf("frames")],
                        f[header.indexOf("specific_character_set")],
                        f[header.indexOf("notes")]));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
