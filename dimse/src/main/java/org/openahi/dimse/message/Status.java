package org.openahi.dimse.message;

/** DIMSE status codes openahi answers with (PS3.7 Annex C, PS3.4 B.2.3, C.4, J.3). */
public final class Status {
    public static final int SUCCESS = 0x0000;
    public static final int PENDING = 0xFF00;
    public static final int CANCEL = 0xFE00;
    /** C-MOVE, C-GET: sub-operations complete, one or more failures or warnings. */
    public static final int SUBOPERATIONS_WARNING = 0xB000;

    public static final int PROCESSING_FAILURE = 0x0110;
    public static final int NO_SUCH_SOP_INSTANCE = 0x0112;
    public static final int INVALID_ARGUMENT_VALUE = 0x0115;
    public static final int CLASS_INSTANCE_CONFLICT = 0x0119;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int NO_SUCH_ACTION_TYPE = 0x0123;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    public static final int MISTYPED_ARGUMENT = 0x0212;

    /** C-STORE: refused, out of resources. */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** C-MOVE, C-GET: refused, out of resources, unable to perform sub-operations. */
    public static final int OUT_OF_RESOURCES_SUBOPERATIONS = 0xA702;
    /** C-MOVE: refused, move destination unknown. */
    public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
    /** C-STORE: data set does not match SOP class; C-FIND, C-MOVE, C-GET: identifier does not match SOP class. */
    public static final int DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    /** C-STORE: cannot understand; C-FIND, C-MOVE, C-GET: unable to process. */
    public static final int CANNOT_UNDERSTAND = 0xC000;

    private Status() {}

    /** Pending statuses: FF00 and FF01. */
    public static boolean isPending(int status) {
        return status == PENDING || status == 0xFF01;
    }

    /** Statuses after which no further response to the request follows. */
    public static boolean isFinal(int status) {
        return !isPending(status);
    }

    /** Four hex digits, as logs and metrics show statuses. */
    public static String hex(int status) {
        return String.format("%04X", status);
    }
}
