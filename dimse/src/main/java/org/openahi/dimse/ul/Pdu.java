package org.openahi.dimse.ul;

import java.util.List;

/**
 * The protocol data units of the DICOM upper layer (PS3.8 §9.3). AE titles are given without their space padding;
 * P-DATA values point into the buffer the PDU was read into.
 */
public sealed interface Pdu {
    int ASSOCIATE_RQ = 0x01;
    int ASSOCIATE_AC = 0x02;
    int ASSOCIATE_RJ = 0x03;
    int P_DATA_TF = 0x04;
    int RELEASE_RQ = 0x05;
    int RELEASE_RP = 0x06;
    int ABORT = 0x07;

    /** The DICOM Application Context Name, the only one PS3.7 Annex A defines. */
    String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    /** A-ASSOCIATE-RQ: what the requestor proposes. */
    record AssociateRq(
            int protocolVersion,
            String calledAeTitle,
            String callingAeTitle,
            String applicationContext,
            List<PresentationContext.Proposed> contexts,
            UserInformation userInformation)
            implements Pdu {
        public AssociateRq {
            contexts = List.copyOf(contexts);
        }
    }

    /** A-ASSOCIATE-AC: what the acceptor accepts, one result per proposed context. */
    record AssociateAc(
            int protocolVersion,
            String calledAeTitle,
            String callingAeTitle,
            String applicationContext,
            List<PresentationContext.Result> contexts,
            UserInformation userInformation)
            implements Pdu {
        public AssociateAc {
            contexts = List.copyOf(contexts);
        }
    }

    /** A-ASSOCIATE-RJ (PS3.8 Table 9-21): result, source and reason codes. */
    record AssociateRj(int result, int source, int reason) implements Pdu {
        public static final int PERMANENT = 1;
        public static final int TRANSIENT = 2;
        /** Source 1, DICOM UL service-user, with reasons 1 (none), 2, 3 and 7. */
        public static final int SERVICE_USER = 1;

        public static final int NO_REASON = 1;
        public static final int APPLICATION_CONTEXT_NOT_SUPPORTED = 2;
        public static final int CALLING_AE_NOT_RECOGNIZED = 3;
        public static final int CALLED_AE_NOT_RECOGNIZED = 7;
        /** Source 2, DICOM UL service-provider (ACSE related function), with reason 2. */
        public static final int SERVICE_PROVIDER_ACSE = 2;

        public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 2;
        /** Source 3, DICOM UL service-provider (presentation related function), with reasons 1 and 2. */
        public static final int SERVICE_PROVIDER_PRESENTATION = 3;

        public static final int TEMPORARY_CONGESTION = 1;
        public static final int LOCAL_LIMIT_EXCEEDED = 2;
    }

    /** P-DATA-TF: one or more presentation data values. */
    record PDataTf(List<Pdv> values) implements Pdu {
        public PDataTf {
            values = List.copyOf(values);
        }
    }

    /**
     * A presentation data value: a fragment of a message's command ({@code command}) or data set, the last one when
     * {@code last}; its bytes are {@code length} bytes of {@code buffer} from {@code offset}.
     */
    record Pdv(int contextId, boolean command, boolean last, byte[] buffer, int offset, int length) {}

    record ReleaseRq() implements Pdu {}

    record ReleaseRp() implements Pdu {}

    /** A-ABORT (PS3.8 Table 9-26): source 0 (service-user) or 2 (service-provider) and, for the provider, a reason. */
    record Abort(int source, int reason) implements Pdu {
        public static final int SERVICE_USER = 0;
        public static final int SERVICE_PROVIDER = 2;
        public static final int REASON_NOT_SPECIFIED = 0;
        public static final int UNRECOGNIZED_PDU = 1;
        public static final int UNEXPECTED_PDU = 2;
        public static final int UNRECOGNIZED_PDU_PARAMETER = 4;
        public static final int UNEXPECTED_PDU_PARAMETER = 5;
        public static final int INVALID_PDU_PARAMETER_VALUE = 6;
    }
}
