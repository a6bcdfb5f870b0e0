package org.openahi.dimse.ul;

import java.nio.file.Path;

/** The data set that came with a message, as its {@link DataSink} kept it. */
public sealed interface ReceivedData {

    /** No data set followed the command. */
    record None() implements ReceivedData {}

    /** The data set's bytes in the context's transfer syntax. */
    record InMemory(byte[] bytes) implements ReceivedData {}

    /** The data set written to a file by the sink (e.g. a Part 10 file); the receiver deletes it. */
    record Spooled(Path file) implements ReceivedData {}

    /** The data set was read and dropped because the sink refused it; {@code reason} says why. */
    record Refused(String reason) implements ReceivedData {}
}
