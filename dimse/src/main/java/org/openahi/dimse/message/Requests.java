package org.openahi.dimse.message;

import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;

/**
 * Command sets of the requests openahi invokes (PS3.7 §9.3 and §10.3); the Message ID and data set type are set when
 * they are sent.
 */
public final class Requests {

    private Requests() {}

    public static Dataset echo() {
        Dataset command = new Dataset();
        command.putStrings(Command.AffectedSOPClassUID, VR.UI, "1.2.840.10008.1.1");
        command.putLongs(Command.CommandField, VR.US, Command.C_ECHO_RQ);
        return command;
    }

    /** C-STORE-RQ; a C-MOVE sub-operation names its originator and the C-MOVE's Message ID. */
    public static Dataset store(
            String sopClassUid, String sopInstanceUid, String moveOriginatorAeTitle, int moveOriginatorMessageId) {
        Dataset command = new Dataset();
        command.putStrings(Command.AffectedSOPClassUID, VR.UI, sopClassUid);
        command.putLongs(Command.CommandField, VR.US, Command.C_STORE_RQ);
        command.putLongs(Command.Priority, VR.US, Command.MEDIUM);
        command.putStrings(Command.AffectedSOPInstanceUID, VR.UI, sopInstanceUid);
        if (moveOriginatorAeTitle != null) {
            command.putStrings(Command.MoveOriginatorApplicationEntityTitle, VR.AE, moveOriginatorAeTitle);
            command.putLongs(Command.MoveOriginatorMessageID, VR.US, moveOriginatorMessageId);
        }
        return command;
    }

    /** C-FIND-RQ, C-MOVE-RQ or C-GET-RQ (field); a C-MOVE names its destination. */
    public static Dataset query(int commandField, String sopClassUid, String moveDestination) {
        Dataset command = new Dataset();
        command.putStrings(Command.AffectedSOPClassUID, VR.UI, sopClassUid);
        command.putLongs(Command.CommandField, VR.US, commandField);
        command.putLongs(Command.Priority, VR.US, Command.MEDIUM);
        if (moveDestination != null) {
            command.putStrings(Command.MoveDestination, VR.AE, moveDestination);
        }
        return command;
    }

    public static Dataset action(String sopClassUid, String sopInstanceUid, int actionTypeId) {
        Dataset command = new Dataset();
        command.putStrings(Command.RequestedSOPClassUID, VR.UI, sopClassUid);
        command.putLongs(Command.CommandField, VR.US, Command.N_ACTION_RQ);
        command.putStrings(Command.RequestedSOPInstanceUID, VR.UI, sopInstanceUid);
        command.putLongs(Command.ActionTypeID, VR.US, actionTypeId);
        return command;
    }

    public static Dataset eventReport(String sopClassUid, String sopInstanceUid, int eventTypeId) {
        Dataset command = new Dataset();
        command.putStrings(Command.AffectedSOPClassUID, VR.UI, sopClassUid);
        command.putLongs(Command.CommandField, VR.US, Command.N_EVENT_REPORT_RQ);
        command.putStrings(Command.AffectedSOPInstanceUID, VR.UI, sopInstanceUid);
        command.putLongs(Command.EventTypeID, VR.US, eventTypeId);
        return command;
    }
}
