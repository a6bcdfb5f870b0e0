package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * The README's AWS CLI lines, run as written (their first three lines pointed at this test's server and folders)
 * with the CLI from the distribution's packages ({@code /usr/bin/aws}, Debian 12's 2.9.19 on CI), in a home folder of
 * their own: every line succeeds and the server answered each of the service model's operations with a 2xx.
 */
class AwsCliIT {
    private static final Path DISTRIBUTION_CLI = Path.of("/usr/bin/aws");
    private static final Pattern TOUR =
            Pattern.compile("<!-- cli-tour:begin -->\\s*```bash\\n(.*?)```\\s*<!-- cli-tour:end -->", Pattern.DOTALL);

    @Test
    void theReadmesCliLinesReachEveryOperation(@TempDir Path work) throws Exception {
        if (!Files.isExecutable(DISTRIBUTION_CLI)) {
            Oracles.missing(
                    "the distribution's AWS CLI (Debian package awscli) is not installed at " + DISTRIBUTION_CLI);
        }
        Oracles.require("jq");
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path dicom = Files.createDirectories(work.resolve("dicom/study1"));
        try (Stream<Path> files = Files.list(SharedCorpus.geStudy().resolve("01_Ax_DWI_TENSOR_R2"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dicom.resolve(file.getFileName()));
            }
        }
        Path home = Files.createDirectories(work.resolve("home"));
        Path results = work.resolve("dicom/results");
        try (TestServer server = TestServer.start(
                Backend.SQLITE,
                Map.of(
                        "OPENAHI_FILE_ROOTS",
                        work.toString(),
                        "OPENAHI_ACCESS_KEY_ID",
                        "openahi",
                        "OPENAHI_SECRET_ACCESS_KEY",
                        "openahi-dev-secret"))) {
            String script = tour(Files.readString(repository.resolve("README.md")))
                    .replaceFirst(
                            "(?m)^OPENAHI=\\S+", Matcher.quoteReplacement("OPENAHI=http://localhost:" + server.port()))
                    .replaceFirst("(?m)^DICOM=\\S+", Matcher.quoteReplacement("DICOM=" + dicom))
                    .replaceFirst("(?m)^RESULTS=\\S+", Matcher.quoteReplacement("RESULTS=" + results));
            Path file = Files.writeString(work.resolve("tour.sh"), script);
            Path log = work.resolve("tour.log");
            // The lines name the model by its path from the repository's root and save what they download in the
            // current folder: run them in a folder of the test's own that shows the repository's server folder.
            Path cwd = Files.createDirectories(work.resolve("cwd"));
            Files.createSymbolicLink(cwd.resolve("server"), repository.resolve("server"));
            ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-x", file.toString())
                    .directory(cwd.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // The distribution's CLI first on the PATH, a home of its own, nothing of the caller's AWS configuration.
            bash.environment()
                    .keySet()
                    .removeIf(name -> name.startsWith("AWS_") || name.endsWith("_PROXY") || name.endsWith("_proxy"));
            bash.environment().put("PATH", DISTRIBUTION_CLI.getParent() + ":/bin");
            bash.environment().put("HOME", home.toString());
            int exit = bash.start().waitFor();
            assertThat(exit)
                    .as("the README's CLI lines; their output:\n%s", Files.readString(log))
                    .isZero();

            List<String> operations =
                    ServiceModel.load().operations().keySet().stream().sorted().toList();
            String metrics = metrics(server);
            assertThat(operations)
                    .hasSize(18)
                    .allSatisfy(operation -> assertThat(metrics)
                            .as("a 2xx answer to %s", operation)
                            .containsPattern("openahi_requests_total\\{node=\"[^\"]*\",operation=\"" + operation
                                    + "\",status=\"2\\d\\d\"\\} [1-9]"));
        }
    }

    private static String tour(String readme) {
        Matcher tour = TOUR.matcher(readme);
        assertThat(tour.find()).as("the README's cli-tour block").isTrue();
        return tour.group(1);
    }

    private static String metrics(TestServer server) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://localhost:" + server.port() + "/_openahi/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }
}
