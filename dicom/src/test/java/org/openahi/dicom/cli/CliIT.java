package org.openahi.dicom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/** The packaged jar as the launcher runs it: {@code java -cp dicom/target/openahi-dicom.jar ...DicomCli json FILE}. */
class CliIT {

    private static Oracles.Result cli(String file) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Oracles.run(
                java,
                "-cp",
                Path.of("target/openahi-dicom.jar").toAbsolutePath().toString(),
                "org.openahi.dicom.cli.DicomCli",
                "json",
                file);
    }

    @Test
    void printsJsonForAGoodFileAndFailsWithTheMessageForABrokenOne() {
        Oracles.Result good =
                cli(SharedCorpus.dicom("pydicom/test_files/CT_small.dcm").toString());
        assertThat(good.exitCode()).isZero();
        assertThat(good.stdoutText())
                .startsWith("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]}")
                .contains("\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"file:");
        Oracles.Result broken = cli(
                SharedCorpus.dicom("pydicom/test_files/rtplan_truncated.dcm").toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.stdoutText()).isEmpty();
        assertThat(broken.stderr())
                .contains("rtplan_truncated.dcm: value of 50 bytes runs past the end")
                .contains("(300A,00B0)[0].(300A,0111)[0]");
        System.out.println("cli: " + broken.stderr().strip());
    }
}
