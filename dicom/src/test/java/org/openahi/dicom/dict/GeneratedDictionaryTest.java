package org.openahi.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openahi.testing.SharedCorpus;

/** The committed dictionary sources are what the generator makes from the standard's tables today. */
class GeneratedDictionaryTest {

    @Test
    void committedSourcesEqualAFreshGeneration() throws Exception {
        Map<String, String> generated = DictionaryGenerator.generate(
                SharedCorpus.root().resolve("dicom-standard"), DictionaryGenerator.TRANSFER_SYNTAXES);
        assertThat(generated).hasSize(4);
        for (Map.Entry<String, String> file : generated.entrySet()) {
            assertThat(Files.readString(DictionaryGenerator.OUTPUT_DIR.resolve(file.getKey())))
                    .as(
                            "%s is stale: run java dicom/src/test/java/org/openahi/dicom/dict/DictionaryGenerator.java"
                                    + " ../shared/dicom-standard",
                            file.getKey())
                    .isEqualTo(file.getValue());
        }
    }
}
