package org.openahi.dimse.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PduCodecTest {
    private static final PduReader.Limits LIMITS = new PduReader.Limits(16384, 65536);

    static Pdu.AssociateRq request() {
        UserInformation info = UserInformation.of(16384, "1.2.3.4", "TEST_1")
                .withAsyncWindow(new UserInformation.AsyncWindow(4, 1))
                .withRoles(List.of(new UserInformation.RoleSelection("1.2.840.10008.5.1.4.1.1.2", false, true)))
                .withExtendedNegotiations(List.of(
                        new UserInformation.ExtendedNegotiation("1.2.840.10008.5.1.4.1.2.2.1", new byte[] {1, 0, 0})));
        return new Pdu.AssociateRq(
                1,
                "ARCHIVE",
                "SCANNER",
                Pdu.DICOM_APPLICATION_CONTEXT,
                List.of(
                        new PresentationContext.Proposed(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")),
                        new PresentationContext.Proposed(
                                3, "1.2.840.10008.5.1.4.1.1.2", List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"))),
                info);
    }

    @Test
    void anAssociateRequestRoundTripsWithEverySubItem() throws Exception {
        Pdu.AssociateRq rq = request();
        Pdu.AssociateRq read = (Pdu.AssociateRq) PduReader.parse(PduWriter.encode(rq), LIMITS);
        assertThat(read.calledAeTitle()).isEqualTo("ARCHIVE");
        assertThat(read.callingAeTitle()).isEqualTo("SCANNER");
        assertThat(read.contexts()).isEqualTo(rq.contexts());
        UserInformation info = read.userInformation();
        assertThat(info.maxPduLength()).isEqualTo(16384);
        assertThat(info.implementationClassUid()).isEqualTo("1.2.3.4");
        assertThat(info.implementationVersionName()).contains("TEST_1");
        assertThat(info.asyncWindow()).contains(new UserInformation.AsyncWindow(4, 1));
        assertThat(info.roles()).isEqualTo(rq.userInformation().roles());
        assertThat(info.extendedNegotiations()).hasSize(1);
        assertThat(info.extendedNegotiations().get(0).information()).containsExactly(1, 0, 0);
    }

    @Test
    void theOtherPdusRoundTrip() throws Exception {
        Pdu.AssociateAc ac = new Pdu.AssociateAc(
                1,
                "ARCHIVE",
                "SCANNER",
                Pdu.DICOM_APPLICATION_CONTEXT,
                List.of(
                        new PresentationContext.Result(1, PresentationContext.ACCEPTANCE, "1.2.840.10008.1.2"),
                        new PresentationContext.Result(3, PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED, "")),
                UserInformation.of(0, "1.2.3", "X"));
        Pdu.AssociateAc readAc = (Pdu.AssociateAc) PduReader.parse(PduWriter.encode(ac), LIMITS);
        assertThat(readAc.contexts()).isEqualTo(ac.contexts());
        assertThat(PduReader.parse(PduWriter.encode(new Pdu.AssociateRj(1, 1, 7)), LIMITS))
                .isEqualTo(new Pdu.AssociateRj(1, 1, 7));
        assertThat(PduReader.parse(PduWriter.encode(new Pdu.ReleaseRq()), LIMITS))
                .isEqualTo(new Pdu.ReleaseRq());
        assertThat(PduReader.parse(PduWriter.encode(new Pdu.ReleaseRp()), LIMITS))
                .isEqualTo(new Pdu.ReleaseRp());
        assertThat(PduReader.parse(PduWriter.encode(new Pdu.Abort(2, 6)), LIMITS))
                .isEqualTo(new Pdu.Abort(2, 6));
        byte[] value = {1, 2, 3, 4, 5};
        Pdu.PDataTf data = (Pdu.PDataTf) PduReader.parse(
                PduWriter.encode(new Pdu.PDataTf(
                        List.of(new Pdu.Pdv(3, true, true, value, 0, 5), new Pdu.Pdv(3, false, false, value, 1, 3)))),
                LIMITS);
        assertThat(data.values()).hasSize(2);
        Pdu.Pdv second = data.values().get(1);
        assertThat(second.command()).isFalse();
        assertThat(second.last()).isFalse();
        assertThat(Arrays.copyOfRange(second.buffer(), second.offset(), second.offset() + second.length()))
                .containsExactly(2, 3, 4);
    }

    @Test
    void aPDataPduLongerThanNegotiatedIsRefusedBeforeItIsRead() {
        byte[] header = {4, 0, 0, 1, 0, 0}; // 65536 bytes announced, none sent
        assertThatThrownBy(() ->
                        PduReader.read(header[0], new ByteArrayInputStream(Arrays.copyOfRange(header, 1, 6)), LIMITS))
                .isInstanceOf(PduException.class)
                .hasMessageContaining("exceeds the negotiated maximum of 16384")
                .extracting(e -> ((PduException) e).abortReason())
                .isEqualTo(Pdu.Abort.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void malformedPdusAreTypedErrors() {
        assertReason(
                new byte[] {9, 0, 0, 0, 0, 4, 0, 0, 0, 0}, Pdu.Abort.UNRECOGNIZED_PDU, "unrecognized PDU type 0x09");
        assertReason(
                new byte[] {5, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0},
                Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                "A-RELEASE-RQ PDU length must be 4");
        assertReason(
                new byte[] {4, 0, 0, 0, 0, 6, 0, 0, 0, 9, 1, 3},
                Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                "presentation data value item of 9 bytes");
        assertReason(
                new byte[] {4, 0, 0, 0, 0, 6, 0, 0, 0, 2, 2, 3}, Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, "context id 2");
        assertReason(
                new byte[] {4, 0, 0, 0, 0, 6, 0, 0, 0, 2, 1, 7},
                Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                "message control header 0x07");
        byte[] rq = PduWriter.encode(request());
        byte[] cut = Arrays.copyOf(rq, rq.length - 3);
        cut[5] = (byte) (cut[5] - 3); // consistent PDU length, but the user information item now overruns it
        assertReason(cut, Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, "item 0x50");
        byte[] evenId = rq.clone();
        evenId[indexOfItem(rq, 0x20) + 4] = 2;
        assertReason(evenId, Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, "presentation context id 2 is not odd");
    }

    @Test
    void aConnectionThatEndsInsideAPduIsAnEndOfStream() {
        byte[] rq = PduWriter.encode(request());
        assertThatThrownBy(() -> PduReader.read(rq[0], new ByteArrayInputStream(rq, 1, rq.length - 10), LIMITS))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void anAssociateRequestNeedsItsMandatoryItems() {
        Pdu.AssociateRq rq = request();
        Pdu.AssociateRq withoutContexts =
                new Pdu.AssociateRq(1, "A", "B", Pdu.DICOM_APPLICATION_CONTEXT, List.of(), rq.userInformation());
        assertReason(
                PduWriter.encode(withoutContexts),
                Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                "without presentation context");
        assertThat(Optional.of(rq).map(Pdu.AssociateRq::applicationContext)).contains(Pdu.DICOM_APPLICATION_CONTEXT);
    }

    private static int indexOfItem(byte[] pdu, int type) {
        int at = 6 + 68;
        while (at < pdu.length) {
            if ((pdu[at] & 0xFF) == type) {
                return at;
            }
            at += 4 + ((pdu[at + 2] & 0xFF) << 8 | pdu[at + 3] & 0xFF);
        }
        throw new AssertionError("no item " + type);
    }

    private static void assertReason(byte[] pdu, int reason, String message) {
        assertThatThrownBy(() -> PduReader.parse(pdu, LIMITS))
                .isInstanceOf(PduException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((PduException) e).abortReason())
                .isEqualTo(reason);
    }
}
