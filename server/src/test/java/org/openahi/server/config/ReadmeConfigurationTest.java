package org.openahi.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every variable the server reads, with its default. */
class ReadmeConfigurationTest {
    @Test
    void everyVariableIsDocumentedWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ServerConfig.Variable variable : ServerConfig.Variable.values()) {
            String shownDefault = variable.defaultValue().isEmpty() ? "–" : "`" + variable.defaultValue() + "`";
            assertThat(readme).as(variable.name()).contains("| `" + variable.name() + "` | " + shownDefault + " |");
        }
    }
}
