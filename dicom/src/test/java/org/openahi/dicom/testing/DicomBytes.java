package org.openahi.dicom.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.openahi.dicom.Tags;
import org.openahi.dicom.dict.Tag;

/**
 * Hand-made DICOM bytes for tests, including ones no writer would produce: any length in any header, items and
 * delimiters where they do not belong.
 */
public final class DicomBytes {

    public static final long UNDEFINED = 0xFFFF_FFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicitVr;
    private final boolean bigEndian;

    private DicomBytes(boolean explicitVr, boolean bigEndian) {
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }

    /** A bare data set (no preamble, no File Meta). */
    public static DicomBytes dataset(boolean explicitVr, boolean bigEndian) {
        return new DicomBytes(explicitVr, bigEndian);
    }

    /** Preamble, DICM and a File Meta Information group naming {@code transferSyntaxUid}; data set elements follow. */
    public static DicomBytes part10(String transferSyntaxUid, boolean explicitVr, boolean bigEndian) {
        DicomBytes meta = new DicomBytes(true, false);
        meta.element(Tag.FileMetaInformationVersion, "OB", new byte[] {0, 1});
        meta.text(Tag.MediaStorageSOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7\0");
        meta.text(Tag.MediaStorageSOPInstanceUID, "UI", "1.2.3.4\0");
        meta.text(
                Tag.TransferSyntaxUID,
                "UI",
                transferSyntaxUid.length() % 2 == 1 ? transferSyntaxUid + "\0" : transferSyntaxUid);
        byte[] group = meta.bytes();
        DicomBytes file = new DicomBytes(explicitVr, bigEndian);
        file.raw(new byte[128]).raw("DICM".getBytes(StandardCharsets.US_ASCII));
        DicomBytes length = new DicomBytes(true, false);
        length.element(Tag.FileMetaInformationGroupLength, "UL", le32(group.length));
        return file.raw(length.bytes()).raw(group);
    }

    /** An element with a correct length. */
    public DicomBytes element(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        return raw(value);
    }

    public DicomBytes text(int tag, String vr, String value) {
        return element(tag, vr, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A US element in this encoding's byte order. */
    public DicomBytes us(int tag, int value) {
        return element(
                tag,
                "US",
                bigEndian
                        ? new byte[] {(byte) (value >> 8), (byte) value}
                        : new byte[] {(byte) value, (byte) (value >> 8)});
    }

    /** An element header with whatever length is given; the VR is ignored in Implicit VR. */
    public DicomBytes header(int tag, String vr, long length) {
        tag(tag);
        if (!explicitVr) {
            return u32(length);
        }
        raw(vr.getBytes(StandardCharsets.US_ASCII));
        if (isLongHeader(vr)) {
            u16(0);
            return u32(length);
        }
        return u16((int) length);
    }

    public DicomBytes item(long length) {
        return tag(Tag.Item).u32(length);
    }

    public DicomBytes itemEnd() {
        return tag(Tag.ItemDelimitationItem).u32(0);
    }

    public DicomBytes sequenceEnd() {
        return tag(Tag.SequenceDelimitationItem).u32(0);
    }

    public DicomBytes tag(int tag) {
        return u16(Tags.group(tag)).u16(Tags.element(tag));
    }

    public DicomBytes u16(int v) {
        return bigEndian ? raw(new byte[] {(byte) (v >> 8), (byte) v}) : raw(new byte[] {(byte) v, (byte) (v >> 8)});
    }

    public DicomBytes u32(long v) {
        return bigEndian
                ? raw(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v})
                : raw(le32(v));
    }

    public DicomBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static boolean isLongHeader(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }
}
