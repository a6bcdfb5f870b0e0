package org.openahi.dimse.ul;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** The data set that came with a message, as its {@link DataSink} kept it. */
public sealed interface ReceivedData {

    /** No data set followed the command. */
    record None() implements ReceivedData {}

    /** The data set's bytes in the context's transfer syntax. */
    record InMemory(byte[] bytes) implements ReceivedData {}

    /**
     * The data set as the sink kept it (e.g. a Part 10 file): its first {@code length} bytes of {@code bytes}, or a
     * file ({@code bytes} null). The receiver discards it once it is done with it.
     */
    record Spooled(byte[] bytes, int length, Path file, Runnable release) implements ReceivedData {
        /** {@code release} runs once, at the first {@link #discard}. */
        public static Spooled held(byte[] bytes, int length, Runnable release) {
            AtomicBoolean released = new AtomicBoolean();
            return new Spooled(bytes, length, null, () -> {
                if (released.compareAndSet(false, true)) {
                    release.run();
                }
            });
        }

        public static Spooled inFile(Path file) {
            return new Spooled(null, 0, file, () -> {});
        }

        public InputStream open() throws IOException {
            return file == null ? new ByteArrayInputStream(bytes, 0, length) : Files.newInputStream(file);
        }

        public long size() throws IOException {
            return file == null ? length : Files.size(file);
        }

        /** Deletes the file, or gives the memory back. */
        public void discard() throws IOException {
            release.run();
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The data set was read and dropped because the sink refused it; {@code reason} says why. */
    record Refused(String reason) implements ReceivedData {}
}
