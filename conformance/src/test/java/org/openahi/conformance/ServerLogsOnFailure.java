package org.openahi.conformance;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * A failing test's message gains the warnings and errors (with the start of their stack traces) that the
 * {@link ServerProcess} servers logged while it ran. CI reports a failure by its message and the end of the build's
 * output, and the servers' logs are in temporary folders that are gone by then: a 500 or a FAILED job is only
 * explained by what its server logged. Registered for every test of the module (junit-platform.properties).
 */
public final class ServerLogsOnFailure implements BeforeEachCallback, TestExecutionExceptionHandler {
    private static final int MAX_LINES = 60;
    private static final int MAX_STACK_LINES = 12;
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ServerLogsOnFailure.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        Map<Path, Long> offsets = new HashMap<>();
        for (Path log : ServerProcess.logs()) {
            offsets.put(log, size(log));
        }
        context.getStore(NAMESPACE).put("offsets", offsets);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown instanceof TestAbortedException) {
            throw thrown; // a test skipped by an assumption stays skipped
        }
        @SuppressWarnings("unchecked")
        Map<Path, Long> offsets = context.getStore(NAMESPACE).getOrDefault("offsets", Map.class, Map.of());
        StringBuilder excerpt = new StringBuilder();
        for (Path log : ServerProcess.logs()) {
            List<String> lines = warningsAndErrors(log, offsets.getOrDefault(log, 0L));
            if (!lines.isEmpty()) {
                excerpt.append("\n--- warnings and errors in ").append(log).append(" ---\n");
                lines.forEach(line -> excerpt.append(line).append('\n'));
            }
        }
        if (excerpt.isEmpty()) {
            throw thrown;
        }
        AssertionError explained = new AssertionError(thrown + excerpt.toString(), thrown);
        explained.setStackTrace(thrown.getStackTrace());
        throw explained;
    }

    /** The WARN and ERROR lines written from {@code offset} on, each with the start of its stack trace. */
    private static List<String> warningsAndErrors(Path log, long offset) throws IOException {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(Math.min(offset, file.length()));
            int stack = -1;
            for (String line = file.readLine(); line != null; line = file.readLine()) {
                String text = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                if (text.contains(" WARN ") || text.contains(" ERROR ")) {
                    found.add(text);
                    stack = 0;
                } else if (stack >= 0 && isContinuation(text)) {
                    if (stack++ < MAX_STACK_LINES) {
                        found.add(text);
                    }
                } else {
                    stack = -1;
                }
            }
        }
        return found.size() <= MAX_LINES ? found : found.subList(found.size() - MAX_LINES, found.size());
    }

    /** A line of a logged exception: every log record starts with its timestamp, a continuation does not. */
    private static boolean isContinuation(String line) {
        return !line.isBlank() && !Character.isDigit(line.charAt(0));
    }

    private static long size(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
