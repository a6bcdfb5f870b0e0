package org.openahi.dimse.ul;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads upper-layer PDUs (PS3.8 §9.3). Lengths are unsigned and checked before anything is allocated: a P-DATA-TF
 * PDU longer than the negotiated maximum, an association PDU longer than {@code maxAssociateLength}, or any item
 * that does not fit its parent is a {@link PduException}, never an allocation the peer chose. Unknown items of an
 * association PDU are skipped, as PS3.8 §9.3.1 asks; an unknown PDU type is refused.
 */
public final class PduReader {
    private static final int HEADER = 6;

    private PduReader() {}

    /** How long a PDU may be: P-DATA-TF PDUs as negotiated, the others by a fixed bound. */
    public record Limits(long maxPDataLength, int maxAssociateLength) {}

    /**
     * Reads the rest of a PDU whose type byte was already read from {@code in}.
     *
     * @throws EOFException when the stream ends inside the PDU
     */
    public static Pdu read(int type, InputStream in, Limits limits) throws IOException, PduException {
        byte[] header = in.readNBytes(HEADER - 1);
        if (header.length < HEADER - 1) {
            throw new EOFException("the connection closed inside a PDU header");
        }
        long length = (header[1] & 0xFFL) << 24 | (header[2] & 0xFF) << 16 | (header[3] & 0xFF) << 8 | header[4] & 0xFF;
        checkLength(type, length, limits);
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException("the connection closed after " + body.length + " of a PDU's " + length + " bytes");
        }
        return parseBody(type, body);
    }

    /**
     * A buffer P-DATA-TF PDUs are read into, one per connection: it grows to the longest such PDU read (never past the
     * negotiated maximum, checked first) and is reused, so receiving a data set allocates nothing per PDU and copies
     * its bytes once, from the socket's buffer (or the socket) into this one.
     */
    public static final class ReadBuffer {
        private byte[] bytes = new byte[0];

        /** The buffer's current capacity. */
        public int capacity() {
            return bytes.length;
        }

        byte[] atLeast(int length) {
            if (bytes.length < length) {
                bytes = new byte[length];
            }
            return bytes;
        }
    }

    /**
     * Reads the rest of a PDU whose type byte was already read from {@code in}, as {@link #read(int, InputStream,
     * Limits)} does, but a P-DATA-TF PDU's body into {@code buffer}: its presentation data values point into that
     * buffer and are valid only until the next PDU is read with it.
     *
     * @throws EOFException when the stream ends inside the PDU
     */
    public static Pdu read(int type, InputStream in, Limits limits, ReadBuffer buffer)
            throws IOException, PduException {
        if (type != Pdu.P_DATA_TF) {
            return read(type, in, limits);
        }
        byte[] header = in.readNBytes(HEADER - 1);
        if (header.length < HEADER - 1) {
            throw new EOFException("the connection closed inside a PDU header");
        }
        long length = (header[1] & 0xFFL) << 24 | (header[2] & 0xFF) << 16 | (header[3] & 0xFF) << 8 | header[4] & 0xFF;
        checkLength(type, length, limits);
        byte[] body = buffer.atLeast((int) length);
        int read = in.readNBytes(body, 0, (int) length);
        if (read < length) {
            throw new EOFException("the connection closed after " + read + " of a PDU's " + length + " bytes");
        }
        return pData(new Cursor(body, 0, (int) length, name(type)));
    }

    /** Parses a whole PDU, header included (tests, fuzzing); trailing bytes are refused. */
    public static Pdu parse(byte[] pdu, Limits limits) throws PduException {
        if (pdu.length < HEADER) {
            throw new PduException(
                    Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, "a PDU needs a 6-byte header, got " + pdu.length + " bytes");
        }
        int type = pdu[0] & 0xFF;
        long length = (pdu[2] & 0xFFL) << 24 | (pdu[3] & 0xFF) << 16 | (pdu[4] & 0xFF) << 8 | pdu[5] & 0xFF;
        checkLength(type, length, limits);
        if (length != pdu.length - HEADER) {
            throw new PduException(
                    Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                    "PDU length " + length + " but " + (pdu.length - HEADER) + " bytes follow the header");
        }
        return parseBody(type, Arrays.copyOfRange(pdu, HEADER, pdu.length));
    }

    private static void checkLength(int type, long length, Limits limits) throws PduException {
        switch (type) {
            case Pdu.P_DATA_TF -> {
                if (length > limits.maxPDataLength()) {
                    throw new PduException(
                            Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                            "P-DATA-TF PDU of " + length + " bytes exceeds the negotiated maximum of "
                                    + limits.maxPDataLength());
                }
            }
            case Pdu.ASSOCIATE_RQ, Pdu.ASSOCIATE_AC -> {
                if (length > limits.maxAssociateLength()) {
                    throw new PduException(
                            Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                            "A-ASSOCIATE PDU of " + length + " bytes exceeds the limit of "
                                    + limits.maxAssociateLength());
                }
            }
            case Pdu.ASSOCIATE_RJ, Pdu.RELEASE_RQ, Pdu.RELEASE_RP, Pdu.ABORT -> {
                if (length != 4) {
                    throw new PduException(
                            Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, name(type) + " PDU length must be 4, not " + length);
                }
            }
            default ->
                throw new PduException(Pdu.Abort.UNRECOGNIZED_PDU, String.format("unrecognized PDU type 0x%02X", type));
        }
    }

    private static Pdu parseBody(int type, byte[] body) throws PduException {
        Cursor in = new Cursor(body, 0, body.length, name(type));
        return switch (type) {
            case Pdu.ASSOCIATE_RQ, Pdu.ASSOCIATE_AC -> associate(type, in);
            case Pdu.ASSOCIATE_RJ -> {
                in.skip(1);
                yield new Pdu.AssociateRj(in.u8(), in.u8(), in.u8());
            }
            case Pdu.P_DATA_TF -> pData(in);
            case Pdu.RELEASE_RQ -> new Pdu.ReleaseRq();
            case Pdu.RELEASE_RP -> new Pdu.ReleaseRp();
            case Pdu.ABORT -> {
                in.skip(2);
                yield new Pdu.Abort(in.u8(), in.u8());
            }
            default -> throw new AssertionError(type);
        };
    }

    private static Pdu.PDataTf pData(Cursor in) throws PduException {
        List<Pdu.Pdv> values = new ArrayList<>();
        while (in.remaining() > 0) {
            long length = in.u32();
            if (length < 2 || length > in.remaining()) {
                throw new PduException(
                        Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                        "presentation data value item of " + length + " bytes where " + in.remaining()
                                + " remain in the P-DATA-TF PDU");
            }
            int contextId = in.u8();
            int header = in.u8();
            if ((contextId & 1) == 0 || (header & ~0x03) != 0) {
                throw new PduException(
                        Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                        String.format(
                                "presentation data value with " + "context id %d and message control header 0x%02X",
                                contextId, header));
            }
            int valueLength = (int) length - 2;
            values.add(
                    new Pdu.Pdv(contextId, (header & 1) != 0, (header & 2) != 0, in.buffer, in.position, valueLength));
            in.skip(valueLength);
        }
        if (values.isEmpty()) {
            throw new PduException(
                    Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF PDU without presentation data values");
        }
        return new Pdu.PDataTf(values);
    }

    private static Pdu associate(int type, Cursor in) throws PduException {
        int protocolVersion = in.u16();
        in.skip(2);
        String called = in.text(16).strip();
        String calling = in.text(16).strip();
        in.skip(32);
        String applicationContext = null;
        List<PresentationContext.Proposed> proposed = new ArrayList<>();
        List<PresentationContext.Result> results = new ArrayList<>();
        UserInformation userInformation = null;
        while (in.remaining() > 0) {
            int itemType = in.u8();
            in.skip(1);
            Cursor item = in.slice(in.u16(), String.format("item 0x%02X", itemType));
            switch (itemType) {
                case 0x10 -> applicationContext = uid(item.text(item.remaining()), "application context name");
                case 0x20 -> {
                    requireType(type, Pdu.ASSOCIATE_RQ, itemType);
                    proposed.add(proposedContext(item));
                }
                case 0x21 -> {
                    requireType(type, Pdu.ASSOCIATE_AC, itemType);
                    results.add(contextResult(item));
                }
                case 0x50 -> userInformation = userInformation(item);
                default -> {
                    // PS3.8 §9.3.1: items of unknown type are ignored.
                }
            }
        }
        if (applicationContext == null) {
            throw new PduException(Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, name(type) + " without application context");
        }
        if (proposed.isEmpty() && results.isEmpty()) {
            throw new PduException(Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, name(type) + " without presentation context");
        }
        if (userInformation == null) {
            throw new PduException(Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, name(type) + " without user information");
        }
        return type == Pdu.ASSOCIATE_RQ
                ? new Pdu.AssociateRq(protocolVersion, called, calling, applicationContext, proposed, userInformation)
                : new Pdu.AssociateAc(protocolVersion, called, calling, applicationContext, results, userInformation);
    }

    private static void requireType(int pduType, int expected, int itemType) throws PduException {
        if (pduType != expected) {
            throw new PduException(
                    Pdu.Abort.UNEXPECTED_PDU_PARAMETER, String.format("item 0x%02X in an %s", itemType, name(pduType)));
        }
    }

    private static PresentationContext.Proposed proposedContext(Cursor in) throws PduException {
        int id = contextId(in.u8());
        in.skip(3);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (in.remaining() > 0) {
            int subType = in.u8();
            in.skip(1);
            Cursor sub = in.slice(in.u16(), String.format("sub-item 0x%02X", subType));
            switch (subType) {
                case 0x30 -> {
                    if (abstractSyntax != null) {
                        throw new PduException(
                                Pdu.Abort.UNEXPECTED_PDU_PARAMETER,
                                "presentation context " + id + " has two abstract syntaxes");
                    }
                    abstractSyntax = uid(sub.text(sub.remaining()), "abstract syntax");
                }
                case 0x40 -> transferSyntaxes.add(uid(sub.text(sub.remaining()), "transfer syntax"));
                default ->
                    throw new PduException(
                            Pdu.Abort.UNRECOGNIZED_PDU_PARAMETER,
                            String.format("sub-item 0x%02X in " + "presentation context %d", subType, id));
            }
        }
        if (abstractSyntax == null || transferSyntaxes.isEmpty()) {
            throw new PduException(
                    Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                    "presentation context " + id + " needs an abstract syntax and at least one transfer syntax");
        }
        return new PresentationContext.Proposed(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContext.Result contextResult(Cursor in) throws PduException {
        int id = contextId(in.u8());
        in.skip(1);
        int result = in.u8();
        in.skip(1);
        String transferSyntax = "";
        while (in.remaining() > 0) {
            int subType = in.u8();
            in.skip(1);
            Cursor sub = in.slice(in.u16(), String.format("sub-item 0x%02X", subType));
            if (subType != 0x40) {
                throw new PduException(
                        Pdu.Abort.UNRECOGNIZED_PDU_PARAMETER,
                        String.format("sub-item 0x%02X in " + "presentation context %d", subType, id));
            }
            transferSyntax = sub.text(sub.remaining()).strip();
        }
        if (result > PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED) {
            throw new PduException(
                    Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, "presentation context " + id + " result " + result);
        }
        if (result == PresentationContext.ACCEPTANCE && transferSyntax.isEmpty()) {
            throw new PduException(
                    Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                    "accepted presentation context " + id + " names no transfer syntax");
        }
        return new PresentationContext.Result(id, result, transferSyntax);
    }

    private static UserInformation userInformation(Cursor in) throws PduException {
        long maxPduLength = 0;
        String classUid = "";
        Optional<String> versionName = Optional.empty();
        Optional<UserInformation.AsyncWindow> window = Optional.empty();
        List<UserInformation.RoleSelection> roles = new ArrayList<>();
        List<UserInformation.ExtendedNegotiation> extended = new ArrayList<>();
        List<UserInformation.CommonExtendedNegotiation> common = new ArrayList<>();
        Optional<UserInformation.UserIdentity> identity = Optional.empty();
        Optional<byte[]> identityResponse = Optional.empty();
        while (in.remaining() > 0) {
            int subType = in.u8();
            in.skip(1);
            Cursor sub = in.slice(in.u16(), String.format("user information sub-item 0x%02X", subType));
            switch (subType) {
                case 0x51 -> maxPduLength = sub.u32();
                case 0x52 -> classUid = uid(sub.text(sub.remaining()), "implementation class UID");
                case 0x53 -> window = Optional.of(new UserInformation.AsyncWindow(sub.u16(), sub.u16()));
                case 0x54 -> {
                    String uid = uid(sub.text(sub.u16()), "role selection SOP class");
                    roles.add(new UserInformation.RoleSelection(uid, sub.u8() == 1, sub.u8() == 1));
                }
                case 0x55 -> versionName = Optional.of(sub.text(sub.remaining()).strip());
                case 0x56 -> {
                    String uid = uid(sub.text(sub.u16()), "extended negotiation SOP class");
                    extended.add(new UserInformation.ExtendedNegotiation(uid, sub.bytes(sub.remaining())));
                }
                case 0x57 -> {
                    String uid = uid(sub.text(sub.u16()), "common extended negotiation SOP class");
                    String serviceClass = uid(sub.text(sub.u16()), "service class");
                    Cursor related = sub.slice(sub.u16(), "related general SOP classes");
                    List<String> classes = new ArrayList<>();
                    while (related.remaining() > 0) {
                        classes.add(uid(related.text(related.u16()), "related general SOP class"));
                    }
                    common.add(new UserInformation.CommonExtendedNegotiation(uid, serviceClass, classes));
                }
                case 0x58 -> {
                    int identityType = sub.u8();
                    boolean positive = sub.u8() == 1;
                    byte[] primary = sub.bytes(sub.u16());
                    byte[] secondary = sub.remaining() >= 2 ? sub.bytes(sub.u16()) : new byte[0];
                    identity =
                            Optional.of(new UserInformation.UserIdentity(identityType, positive, primary, secondary));
                }
                case 0x59 -> identityResponse = Optional.of(sub.bytes(sub.u16()));
                default -> {
                    // Sub-items this implementation does not know are ignored (PS3.7 D.3.3).
                }
            }
        }
        return new UserInformation(
                maxPduLength, classUid, versionName, window, roles, extended, common, identity, identityResponse);
    }

    private static int contextId(int id) throws PduException {
        if ((id & 1) == 0) {
            throw new PduException(
                    Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, "presentation context id " + id + " is not odd");
        }
        return id;
    }

    /** A UID field: trailing NUL or space padding removed; an empty one is refused. */
    private static String uid(String text, String what) throws PduException {
        String uid = text.replace("\0", "").strip();
        if (uid.isEmpty()) {
            throw new PduException(Pdu.Abort.INVALID_PDU_PARAMETER_VALUE, "empty " + what);
        }
        return uid;
    }

    static String name(int type) {
        return switch (type) {
            case Pdu.ASSOCIATE_RQ -> "A-ASSOCIATE-RQ";
            case Pdu.ASSOCIATE_AC -> "A-ASSOCIATE-AC";
            case Pdu.ASSOCIATE_RJ -> "A-ASSOCIATE-RJ";
            case Pdu.P_DATA_TF -> "P-DATA-TF";
            case Pdu.RELEASE_RQ -> "A-RELEASE-RQ";
            case Pdu.RELEASE_RP -> "A-RELEASE-RP";
            case Pdu.ABORT -> "A-ABORT";
            default -> String.format("PDU type 0x%02X", type);
        };
    }

    /** Big-endian reads within {@code [position, end)} of a buffer; running past the end is a PduException. */
    private static final class Cursor {
        private final byte[] buffer;
        private final int end;
        private final String what;
        private int position;

        Cursor(byte[] buffer, int position, int end, String what) {
            this.buffer = buffer;
            this.position = position;
            this.end = end;
            this.what = what;
        }

        int remaining() {
            return end - position;
        }

        private void need(long n) throws PduException {
            if (n > remaining()) {
                throw new PduException(
                        Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                        what + " needs " + n + " more bytes, " + remaining() + " remain");
            }
        }

        int u8() throws PduException {
            need(1);
            return buffer[position++] & 0xFF;
        }

        int u16() throws PduException {
            need(2);
            int v = (buffer[position] & 0xFF) << 8 | buffer[position + 1] & 0xFF;
            position += 2;
            return v;
        }

        long u32() throws PduException {
            need(4);
            long v = (buffer[position] & 0xFFL) << 24
                    | (buffer[position + 1] & 0xFF) << 16
                    | (buffer[position + 2] & 0xFF) << 8
                    | buffer[position + 3] & 0xFF;
            position += 4;
            return v;
        }

        void skip(int n) throws PduException {
            need(n);
            position += n;
        }

        String text(int n) throws PduException {
            need(n);
            String s = new String(buffer, position, n, StandardCharsets.US_ASCII);
            position += n;
            return s;
        }

        byte[] bytes(int n) throws PduException {
            need(n);
            byte[] b = Arrays.copyOfRange(buffer, position, position + n);
            position += n;
            return b;
        }

        Cursor slice(int n, String name) throws PduException {
            if (n > remaining()) {
                throw new PduException(
                        Pdu.Abort.INVALID_PDU_PARAMETER_VALUE,
                        what + ": " + name + " of " + n + " bytes where " + remaining() + " remain");
            }
            Cursor slice = new Cursor(buffer, position, position + n, what + ", " + name);
            position += n;
            return slice;
        }
    }
}
