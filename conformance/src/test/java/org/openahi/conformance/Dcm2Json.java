package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.Dcm2JsonComparison;
import org.openahi.testing.Dcm2JsonGolden;

/**
 * What the server gives back for a stored file against DCMTK's dcm2json of that file, through the one comparison of
 * module testing ({@link Dcm2JsonComparison}, whose normalisations and allowed differences are documented there).
 */
final class Dcm2Json {
    private Dcm2Json() {}

    /** The comparison of {@code ours} (one DICOM JSON data set) with dcm2json's JSON of {@code source}. */
    static Dcm2JsonComparison compare(Path source, JsonNode ours, Set<Dcm2JsonComparison.Allowed> allowed) {
        Dcm2JsonGolden.Record record = record(source);
        assertThat(record.readable()).as("dcm2json reads " + source).isTrue();
        TransferSyntax syntax;
        try {
            syntax = DicomReader.read(source).transferSyntax();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dcm2JsonComparison comparison =
                new Dcm2JsonComparison(record.file(), record.recipe(), syntax != null && !syntax.explicitVr(), allowed);
        comparison.compare(ours, record.json());
        return comparison;
    }

    /** Asserts that {@code ours} equals dcm2json's JSON of {@code source}; returns the attributes compared. */
    static int assertEqual(Path source, JsonNode ours, Set<Dcm2JsonComparison.Allowed> allowed) {
        Dcm2JsonComparison comparison = compare(source, ours, allowed);
        assertThat(comparison.differences()).as("differences from dcm2json").isEmpty();
        return comparison.compared();
    }

    private static Dcm2JsonGolden.Record record(Path source) {
        try {
            Path temp = Files.createTempDirectory("openahi-dcm2json-");
            try {
                return Dcm2JsonGolden.of(source, temp);
            } finally {
                Files.delete(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
