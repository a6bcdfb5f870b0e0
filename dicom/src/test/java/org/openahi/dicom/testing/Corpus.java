package org.openahi.dicom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared DICOM corpus ({@code ../shared/dicom}, found through the system property {@code openahi.shared}) and
 * its MANIFEST.tsv. A missing corpus fails the test rather than skipping it.
 */
public final class Corpus {

    /** One MANIFEST row. */
    public record Entry(String path, String transferSyntaxUid, String frames, String characterSet, String notes) {
        public boolean broken() {
            return notes.contains("BROKEN:");
        }
    }

    private Corpus() {
    }

    public static Path shared() {
        String property = System.getProperty("openahi.shared", "../shared");
        Path shared = Path.of(property).toAbsolutePath().normalize();
        assertThat(shared.resolve("dicom/MANIFEST.tsv"))
                .as("the shared corpus (system property openahi.shared=%s) is required", property)
                .isRegularFile();
        return shared;
    }

    public static Path dir() {
        return shared().resolve("dicom");
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }

    public static List<Entry> entries() {
        try {
            List<String> lines = Files.readAllLines(dir().resolve("MANIFEST.tsv"));
            List<String> header = List.of(lines.get(0).split("\t"));
            List<Entry> entries = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                entries.add(new Entry(f[header.indexOf("relative_path")], f[header.indexOf("transfer_syntax_uid")],
                        f[header.indexOf("frames")], f[header.indexOf("specific_character_set")],
                        f[header.indexOf("notes")]));
            }
            assertThat(entries).as("MANIFEST rows").hasSize(570);
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
