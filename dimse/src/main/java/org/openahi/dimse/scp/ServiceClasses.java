package org.openahi.dimse.scp;

import java.util.Set;
import org.openahi.dicom.dict.SopClass;

/** The SOP classes openahi's SCPs serve besides storage (PS3.4 Annexes A, C and J). */
public final class ServiceClasses {
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    public static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    public static final String PATIENT_ROOT_GET = "1.2.840.10008.5.1.4.1.2.1.3";
    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    public static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    public static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
    public static final String STORAGE_COMMITMENT_PUSH = "1.2.840.10008.1.20.1";
    /** The well-known SOP Instance of the Storage Commitment Push Model (PS3.4 J.3.5). */
    public static final String STORAGE_COMMITMENT_PUSH_INSTANCE = "1.2.840.10008.1.20.1.1";

    static final Set<String> FIND = Set.of(PATIENT_ROOT_FIND, STUDY_ROOT_FIND);
    static final Set<String> MOVE = Set.of(PATIENT_ROOT_MOVE, STUDY_ROOT_MOVE);
    static final Set<String> GET = Set.of(PATIENT_ROOT_GET, STUDY_ROOT_GET);
    /** Every non-storage SOP class openahi is the SCP of. */
    public static final Set<String> SERVICES = Set.of(
            VERIFICATION,
            PATIENT_ROOT_FIND,
            PATIENT_ROOT_MOVE,
            PATIENT_ROOT_GET,
            STUDY_ROOT_FIND,
            STUDY_ROOT_MOVE,
            STUDY_ROOT_GET,
            STORAGE_COMMITMENT_PUSH);

    private ServiceClasses() {}

    /** Root of the standard's storage SOP classes, the retired ones included (Ultrasound Image Storage 1.1.6...). */
    private static final String STORAGE_ROOT = "1.2.840.10008.5.1.4.1.1.";

    private static final String DICOM_ROOT = "1.2.840.10008.";

    /**
     * True for SOP classes openahi stores: those of PS3.4 Annex B (as the dictionary lists them), the retired ones
     * under the storage root, and private ones (outside the DICOM root), since the write path imports any instance
     * whatever its class. Other standard SOP classes (worklists, printing...) are not storage.
     */
    public static boolean isStorage(String sopClassUid) {
        return SopClass.name(sopClassUid) != null
                || sopClassUid.startsWith(STORAGE_ROOT)
                || !sopClassUid.startsWith(DICOM_ROOT);
    }

    static boolean isPatientRoot(String sopClassUid) {
        return sopClassUid.startsWith("1.2.840.10008.5.1.4.1.2.1.");
    }
}
