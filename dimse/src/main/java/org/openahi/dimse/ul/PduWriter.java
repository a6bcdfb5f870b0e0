package org.openahi.dimse.ul;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes upper-layer PDUs (PS3.8 §9.3), the inverse of {@link PduReader}. */
public final class PduWriter {

    private PduWriter() {}

    /** The PDU's bytes, header included. */
    public static byte[] encode(Pdu pdu) {
        Bytes body = new Bytes();
        int type = switch (pdu) {
            case Pdu.AssociateRq rq -> {
                associateHeader(
                        body, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext());
                for (PresentationContext.Proposed context : rq.contexts()) {
                    Bytes item = new Bytes();
                    item.u8(context.id()).u8(0).u8(0).u8(0);
                    item.item(0x30, ascii(context.abstractSyntax()));
                    for (String ts : context.transferSyntaxes()) {
                        item.item(0x40, ascii(ts));
                    }
                    body.item(0x20, item.toByteArray());
                }
                body.item(0x50, userInformation(rq.userInformation()));
                yield Pdu.ASSOCIATE_RQ;
            }
            case Pdu.AssociateAc ac -> {
                associateHeader(
                        body, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle(), ac.applicationContext());
                for (PresentationContext.Result context : ac.contexts()) {
                    Bytes item = new Bytes();
                    item.u8(context.id()).u8(0).u8(context.result()).u8(0);
                    item.item(0x40, ascii(context.transferSyntax()));
                    body.item(0x21, item.toByteArray());
                }
                body.item(0x50, userInformation(ac.userInformation()));
                yield Pdu.ASSOCIATE_AC;
            }
            case Pdu.AssociateRj rj -> {
                body.u8(0).u8(rj.result()).u8(rj.source()).u8(rj.reason());
                yield Pdu.ASSOCIATE_RJ;
            }
            case Pdu.PDataTf data -> {
                for (Pdu.Pdv pdv : data.values()) {
                    body.u32(pdv.length() + 2L).u8(pdv.contextId()).u8(controlHeader(pdv.command(), pdv.last()));
                    body.write(pdv.buffer(), pdv.offset(), pdv.length());
                }
                yield Pdu.P_DATA_TF;
            }
            case Pdu.ReleaseRq rq -> {
                body.u32(0);
                yield Pdu.RELEASE_RQ;
            }
            case Pdu.ReleaseRp rp -> {
                body.u32(0);
                yield Pdu.RELEASE_RP;
            }
            case Pdu.Abort abort -> {
                body.u8(0).u8(0).u8(abort.source()).u8(abort.reason());
                yield Pdu.ABORT;
            }
        };
        Bytes all = new Bytes();
        all.u8(type).u8(0).u32(body.size());
        all.write(body.toByteArray(), 0, body.size());
        return all.toByteArray();
    }

    /**
     * Writes the header of a P-DATA-TF PDU holding one presentation data value of {@code valueLength} bytes; the
     * value's bytes follow.
     */
    public static void writePDataHeader(OutputStream out, int contextId, boolean command, boolean last, int valueLength)
            throws IOException {
        long pdvLength = valueLength + 2L;
        byte[] header = new byte[12];
        put32(header, 2, pdvLength + 4);
        header[0] = Pdu.P_DATA_TF;
        put32(header, 6, pdvLength);
        header[10] = (byte) contextId;
        header[11] = (byte) controlHeader(command, last);
        out.write(header);
    }

    private static int controlHeader(boolean command, boolean last) {
        return (command ? 1 : 0) | (last ? 2 : 0);
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void associateHeader(
            Bytes body, int protocolVersion, String called, String calling, String applicationContext) {
        body.u16(protocolVersion).u16(0);
        body.write(aeTitle(called), 0, 16);
        body.write(aeTitle(calling), 0, 16);
        body.write(new byte[32], 0, 32);
        body.item(0x10, ascii(applicationContext));
    }

    private static byte[] userInformation(UserInformation info) {
        Bytes sub = new Bytes();
        sub.item(0x51, new Bytes().u32(info.maxPduLength()).toByteArray());
        sub.item(0x52, ascii(info.implementationClassUid()));
        info.asyncWindow()
                .ifPresent(window -> sub.item(
                        0x53,
                        new Bytes()
                                .u16(window.maxInvoked())
                                .u16(window.maxPerformed())
                                .toByteArray()));
        for (UserInformation.RoleSelection role : info.roles()) {
            byte[] uid = ascii(role.sopClassUid());
            Bytes item = new Bytes().u16(uid.length);
            item.write(uid, 0, uid.length);
            item.u8(role.scu() ? 1 : 0).u8(role.scp() ? 1 : 0);
            sub.item(0x54, item.toByteArray());
        }
        info.implementationVersionName().ifPresent(name -> sub.item(0x55, ascii(name)));
        for (UserInformation.ExtendedNegotiation negotiation : info.extendedNegotiations()) {
            byte[] uid = ascii(negotiation.sopClassUid());
            Bytes item = new Bytes().u16(uid.length);
            item.write(uid, 0, uid.length);
            item.write(negotiation.information(), 0, negotiation.information().length);
            sub.item(0x56, item.toByteArray());
        }
        for (UserInformation.CommonExtendedNegotiation negotiation : info.commonExtendedNegotiations()) {
            Bytes item = new Bytes()
                    .lengthPrefixed(ascii(negotiation.sopClassUid()))
                    .lengthPrefixed(ascii(negotiation.serviceClassUid()));
            Bytes related = new Bytes();
            negotiation.relatedClasses().forEach(uid -> related.lengthPrefixed(ascii(uid)));
            item.lengthPrefixed(related.toByteArray());
            sub.item(0x57, item.toByteArray());
        }
        info.userIdentity()
                .ifPresent(identity -> sub.item(
                        0x58,
                        new Bytes()
                                .u8(identity.type())
                                .u8(identity.positiveResponseRequested() ? 1 : 0)
                                .lengthPrefixed(identity.primary())
                                .lengthPrefixed(identity.secondary())
                                .toByteArray()));
        info.userIdentityResponse()
                .ifPresent(response ->
                        sub.item(0x59, new Bytes().lengthPrefixed(response).toByteArray()));
        return sub.toByteArray();
    }

    /** An AE title in its 16-byte field, space padded. */
    private static byte[] aeTitle(String title) {
        byte[] field = "                ".getBytes(StandardCharsets.US_ASCII);
        byte[] text = ascii(title);
        System.arraycopy(text, 0, field, 0, Math.min(16, text.length));
        return field;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A big-endian byte builder with the item framing of PS3.8 (type, reserved, 16-bit length). */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes u8(int v) {
            write(v);
            return this;
        }

        Bytes u16(int v) {
            write(v >>> 8);
            write(v);
            return this;
        }

        Bytes u32(long v) {
            write((int) (v >>> 24));
            write((int) (v >>> 16));
            write((int) (v >>> 8));
            write((int) v);
            return this;
        }

        Bytes lengthPrefixed(byte[] value) {
            u16(value.length);
            write(value, 0, value.length);
            return this;
        }

        void item(int type, byte[] value) {
            u8(type).u8(0).u16(value.length);
            write(value, 0, value.length);
        }
    }
}
