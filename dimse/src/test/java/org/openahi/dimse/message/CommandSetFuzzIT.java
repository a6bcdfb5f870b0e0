package org.openahi.dimse.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.openahi.dicom.Dataset;

/**
 * Jazzer fuzz target over the command set reader, seeded with the requests openahi writes: a command set or a
 * {@link MalformedCommandException}, and a command set read is written back and read again unchanged in meaning.
 */
class CommandSetFuzzIT {

    static Stream<byte[]> seeds() {
        return Stream.of(
                        Requests.echo(),
                        Requests.store("1.2.840.10008.5.1.4.1.1.2", "1.2.3", "MOVER", 7),
                        Requests.query(Command.C_MOVE_RQ, "1.2.840.10008.5.1.4.1.2.2.2", "DEST"),
                        Requests.action("1.2.840.10008.1.20.1", "1.2.840.10008.1.20.1.1", 1),
                        Requests.eventReport("1.2.840.10008.1.20.1", "1.2.840.10008.1.20.1.1", 2))
                .map(CommandSet::encode);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void onlyTypedErrorsComeOut(byte[] input) {
        Dataset command;
        try {
            command = CommandSet.decode(input);
        } catch (MalformedCommandException expected) {
            return;
        }
        Dataset again;
        try {
            again = CommandSet.decode(CommandSet.encode(command));
        } catch (MalformedCommandException e) {
            throw new AssertionError("a command set read does not read back once written: " + e.getMessage(), e);
        }
        if (CommandSet.commandField(again) != CommandSet.commandField(command)) {
            throw new AssertionError("the Command Field changed in a round trip");
        }
    }
}
