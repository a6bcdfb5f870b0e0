package org.openahi.dimse.message;

import java.util.Map;
import org.openahi.dicom.VR;

/**
 * The command elements of group 0000 (PS3.7 Table E.1-1) with their VRs, which the data dictionary of PS3.6 does not
 * hold, and the Command Field values (PS3.7 §9.3 and §10.3).
 */
public final class Command {
    public static final int CommandGroupLength = 0x00000000;
    public static final int AffectedSOPClassUID = 0x00000002;
    public static final int RequestedSOPClassUID = 0x00000003;
    public static final int CommandField = 0x00000100;
    public static final int MessageID = 0x00000110;
    public static final int MessageIDBeingRespondedTo = 0x00000120;
    public static final int MoveDestination = 0x00000600;
    public static final int Priority = 0x00000700;
    public static final int CommandDataSetType = 0x00000800;
    public static final int Status = 0x00000900;
    public static final int OffendingElement = 0x00000901;
    public static final int ErrorComment = 0x00000902;
    public static final int ErrorID = 0x00000903;
    public static final int AffectedSOPInstanceUID = 0x00001000;
    public static final int RequestedSOPInstanceUID = 0x00001001;
    public static final int EventTypeID = 0x00001002;
    public static final int AttributeIdentifierList = 0x00001005;
    public static final int ActionTypeID = 0x00001008;
    public static final int NumberOfRemainingSuboperations = 0x00001020;
    public static final int NumberOfCompletedSuboperations = 0x00001021;
    public static final int NumberOfFailedSuboperations = 0x00001022;
    public static final int NumberOfWarningSuboperations = 0x00001023;
    public static final int MoveOriginatorApplicationEntityTitle = 0x00001030;
    public static final int MoveOriginatorMessageID = 0x00001031;

    /** Command Data Set Type value meaning "no data set follows" (any other value: one follows). */
    public static final int NO_DATA_SET = 0x0101;
    /** Command Data Set Type value openahi sends when a data set follows. */
    public static final int DATA_SET = 0x0000;
    /** Priority MEDIUM (PS3.7 §9.1.1.1.8). */
    public static final int MEDIUM = 0x0000;

    public static final int C_STORE_RQ = 0x0001;
    public static final int C_STORE_RSP = 0x8001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_GET_RSP = 0x8010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_FIND_RSP = 0x8020;
    public static final int C_MOVE_RQ = 0x0021;
    public static final int C_MOVE_RSP = 0x8021;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_ECHO_RSP = 0x8030;
    public static final int N_EVENT_REPORT_RQ = 0x0100;
    public static final int N_EVENT_REPORT_RSP = 0x8100;
    public static final int N_GET_RQ = 0x0110;
    public static final int N_GET_RSP = 0x8110;
    public static final int N_SET_RQ = 0x0120;
    public static final int N_SET_RSP = 0x8120;
    public static final int N_ACTION_RQ = 0x0130;
    public static final int N_ACTION_RSP = 0x8130;
    public static final int N_CREATE_RQ = 0x0140;
    public static final int N_CREATE_RSP = 0x8140;
    public static final int N_DELETE_RQ = 0x0150;
    public static final int N_DELETE_RSP = 0x8150;
    public static final int C_CANCEL_RQ = 0x0FFF;

    /** The VR of each command element; retired elements (PS3.7 Annex C) are read as UN. */
    static final Map<Integer, VR> VRS = Map.ofEntries(
            Map.entry(CommandGroupLength, VR.UL),
            Map.entry(AffectedSOPClassUID, VR.UI),
            Map.entry(RequestedSOPClassUID, VR.UI),
            Map.entry(CommandField, VR.US),
            Map.entry(MessageID, VR.US),
            Map.entry(MessageIDBeingRespondedTo, VR.US),
            Map.entry(MoveDestination, VR.AE),
            Map.entry(Priority, VR.US),
            Map.entry(CommandDataSetType, VR.US),
            Map.entry(Status, VR.US),
            Map.entry(OffendingElement, VR.AT),
            Map.entry(ErrorComment, VR.LO),
            Map.entry(ErrorID, VR.US),
            Map.entry(AffectedSOPInstanceUID, VR.UI),
            Map.entry(RequestedSOPInstanceUID, VR.UI),
            Map.entry(EventTypeID, VR.US),
            Map.entry(AttributeIdentifierList, VR.AT),
            Map.entry(ActionTypeID, VR.US),
            Map.entry(NumberOfRemainingSuboperations, VR.US),
            Map.entry(NumberOfCompletedSuboperations, VR.US),
            Map.entry(NumberOfFailedSuboperations, VR.US),
            Map.entry(NumberOfWarningSuboperations, VR.US),
            Map.entry(MoveOriginatorApplicationEntityTitle, VR.AE),
            Map.entry(MoveOriginatorMessageID, VR.US));

    private Command() {}

    /** True for a response's Command Field (bit 15 set). */
    public static boolean isResponse(int commandField) {
        return (commandField & 0x8000) != 0;
    }

    /** The name of a Command Field for logs and metrics, e.g. {@code C-STORE-RQ}. */
    public static String name(int commandField) {
        String service = service(commandField & 0x7FFF);
        return commandField == C_CANCEL_RQ ? service : service + (isResponse(commandField) ? "-RSP" : "-RQ");
    }

    /** The DIMSE service of a Command Field, e.g. {@code C-STORE}. */
    public static String service(int commandField) {
        return switch (commandField & 0x7FFF) {
            case C_STORE_RQ -> "C-STORE";
            case C_GET_RQ -> "C-GET";
            case C_FIND_RQ -> "C-FIND";
            case C_MOVE_RQ -> "C-MOVE";
            case C_ECHO_RQ -> "C-ECHO";
            case N_EVENT_REPORT_RQ -> "N-EVENT-REPORT";
            case N_GET_RQ -> "N-GET";
            case N_SET_RQ -> "N-SET";
            case N_ACTION_RQ -> "N-ACTION";
            case N_CREATE_RQ -> "N-CREATE";
            case N_DELETE_RQ -> "N-DELETE";
            case C_CANCEL_RQ -> "C-CANCEL";
            default -> String.format("0x%04X", commandField);
        };
    }
}
