package org.openahi.dicom.io;

import java.io.IOException;
import java.util.List;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;

/**
 * Reads what precedes the data set (PS3.10 §7.1): the 128-byte preamble and {@code DICM}, and the File Meta
 * Information. Files without preamble or without File Meta, or without a Transfer Syntax UID, are accepted as DCMTK
 * accepts them: the encoding is detected from the first data element (byte order from the group number, explicit VR
 * when two VR letters follow the tag).
 */
final class FileStart {

    private static final int PREAMBLE = 128;

    /** The File Meta Information, the transfer syntax UID in effect and the encoding of the data set. */
    record Result(Dataset fileMeta, String transferSyntaxUid, Encoding encoding) {}

    private FileStart() {}

    static Result read(ByteInput in, DatasetParser parser, List<ReadWarning> warnings) throws IOException {
        if (in.request(PREAMBLE + 4) && isDicm(in, PREAMBLE)) {
            in.skip(PREAMBLE + 4);
        } else if (in.request(4) && isDicm(in, 0)) {
            in.skip(4);
            warnings.add(new ReadWarning(0, "", "no 128-byte preamble before DICM"));
        } else if (!in.atEnd()) {
            warnings.add(new ReadWarning(0, "", "no preamble and no DICM prefix"));
        }
        Dataset meta = new Dataset();
        long metaStart = in.position();
        if (in.request(6) && in.peek(0) == 2 && in.peek(1) == 0) {
            Encoding metaEncoding =
                    VR.of(in.peek(4), in.peek(5)) != null ? Encoding.EXPLICIT_LITTLE : Encoding.IMPLICIT_LITTLE;
            if (!metaEncoding.explicitVr()) {
                warnings.add(new ReadWarning(metaStart, "", "File Meta Information in Implicit VR"));
            }
            parser.readFileMeta(meta, metaEncoding);
            checkGroupLength(meta, in.position() - metaStart, metaStart, warnings);
        }
        String uid = transferSyntaxUid(meta);
        TransferSyntax ts = TransferSyntax.of(uid);
        long dataStart = in.position();
        if (ts != null) {
            if (ts.deflated()) {
                in.inflateRest();
            }
            return new Result(meta, uid, Encoding.of(ts));
        }
        Encoding detected = detect(in, dataStart, !meta.isEmpty());
        warnings.add(new ReadWarning(
                dataStart,
                "",
                (uid == null ? "no Transfer Syntax UID" : "unknown Transfer Syntax UID " + uid) + "; data set read as "
                        + detected.transferSyntaxUid()));
        return new Result(meta, uid == null ? detected.transferSyntaxUid() : uid, detected);
    }

    private static boolean isDicm(ByteInput in, int at) {
        return in.peek(at) == 'D' && in.peek(at + 1) == 'I' && in.peek(at + 2) == 'C' && in.peek(at + 3) == 'M';
    }

    private static String transferSyntaxUid(Dataset meta) {
        Element e = meta.get(Tag.TransferSyntaxUID);
        if (e == null || !e.inMemory() || !e.vr().isText()) {
            return null;
        }
        String uid = meta.getString(Tag.TransferSyntaxUID);
        return uid == null || uid.isEmpty() ? null : uid;
    }

    private static void checkGroupLength(Dataset meta, long actual, long start, List<ReadWarning> warnings) {
        Element groupLength = meta.get(Tag.FileMetaInformationGroupLength);
        if (groupLength == null) {
            warnings.add(new ReadWarning(start, "", "no group length in File Meta Information"));
            return;
        }
        long declared = meta.getLong(Tag.FileMetaInformationGroupLength, -1);
        long expected = actual - 12; // the group length element itself is not counted
        if (declared != expected) {
            warnings.add(new ReadWarning(
                    start,
                    "",
                    "File Meta Information group length " + declared + " but the group has " + expected + " bytes"));
        }
    }

    /** Detects the data set's encoding from its first element, as DCMTK does without a transfer syntax. */
    private static Encoding detect(ByteInput in, long at, boolean hadMeta) throws IOException {
        if (!in.request(6)) {
            if (in.atEnd() && hadMeta) {
                return Encoding.EXPLICIT_LITTLE;
            }
            throw new DicomParseException("input too short for a DICOM data set", at, "");
        }
        int littleGroup = in.peek(0) | in.peek(1) << 8;
        int bigGroup = in.peek(0) << 8 | in.peek(1);
        boolean bigEndian = bigGroup < littleGroup;
        int group = bigEndian ? bigGroup : littleGroup;
        if (!hadMeta && group > 0xFF) {
            throw new DicomParseException(
                    String.format(
                            "not a DICOM file: no preamble, no File Meta, and the first"
                                    + " group %04X is not one a data set starts with",
                            group),
                    at,
                    "");
        }
        boolean explicit = VR.of(in.peek(4), in.peek(5)) != null;
        if (!explicit) {
            return Encoding.IMPLICIT_LITTLE;
        }
        return bigEndian ? Encoding.EXPLICIT_BIG : Encoding.EXPLICIT_LITTLE;
    }
}
