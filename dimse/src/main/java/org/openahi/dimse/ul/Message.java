package org.openahi.dimse.ul;

import org.openahi.dicom.Dataset;
import org.openahi.dimse.message.Command;
import org.openahi.dimse.message.CommandSet;

/** A DIMSE message received on a presentation context: its command set and what came of its data set. */
public record Message(AcceptedContext context, Dataset command, ReceivedData data) {

    public int commandField() {
        return CommandSet.commandField(command);
    }

    public int messageId() {
        return command.getInt(Command.MessageID, -1);
    }

    public int status() {
        return command.getInt(Command.Status, -1);
    }
}
