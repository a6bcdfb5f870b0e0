package org.openahi.dicom.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;

/**
 * Writes DICOM Part 10 files (PS3.10 §7): preamble, {@code DICM}, File Meta Information with its group length, and
 * the data set in Explicit VR Little Endian, Implicit VR Little Endian, or an encapsulated transfer syntax (Pixel
 * Data as {@link Fragments}, e.g. {@link Fragments#ofFrames}). Values are padded to even length (text with a
 * space, UI and binary with a zero byte); sequences and items are written with undefined length; group lengths
 * present in the data set are recomputed. Values kept in a file ({@link BulkData}) are copied as a stream.
 */
public final class DicomWriter {

    /** Implementation Class UID of openahi's writer (a UUID-derived UID, PS3.5 §B.2). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.181958000354602654251511301486423361916";

    public static final String IMPLEMENTATION_VERSION_NAME = "OPENAHI_0.1";

    private static final byte[] PREAMBLE = new byte[128];
    private static final long UNDEFINED = 0xFFFF_FFFFL;

    private final OutputStream out;
    private final Encoding encoding;

    private DicomWriter(OutputStream out, Encoding encoding) {
        this.out = out;
        this.encoding = encoding;
    }

    public static void write(Path file, Dataset dataset, TransferSyntax transferSyntax) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, null, dataset, transferSyntax);
        }
    }

    public static void write(OutputStream out, Dataset dataset, TransferSyntax transferSyntax) throws IOException {
        write(out, null, dataset, transferSyntax);
    }

    /**
     * Writes a Part 10 file. The File Meta Information is built from {@code fileMeta} (may be {@code null}; its
     * group length, transfer syntax and implementation elements are replaced) and the data set's SOP Class and
     * Instance UIDs (written empty when neither names them).
     *
     * @throws IllegalArgumentException for a transfer syntax this writer does not write (big endian, deflated,
     *     referenced pixel data), or pixel data that does not match it (fragments in a native transfer syntax or
     *     native pixel data in an encapsulated one)
     */
    public static void write(OutputStream out, Dataset fileMeta, Dataset dataset, TransferSyntax transferSyntax)
            throws IOException {
        if (transferSyntax.bigEndian()
                || transferSyntax.deflated()
                || transferSyntax.pixels() == TransferSyntax.Pixels.REFERENCED) {
            throw new IllegalArgumentException("cannot write " + transferSyntax.displayName());
        }
        checkPixelData(dataset, transferSyntax);
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        buffered.write(PREAMBLE);
        buffered.write(new byte[] {'D', 'I', 'C', 'M'});
        buffered.write(fileMetaBytes(
                fileMeta,
                dataset.getString(Tag.SOPClassUID),
                dataset.getString(Tag.SOPInstanceUID),
                transferSyntax.uid()));
        new DicomWriter(buffered, Encoding.of(transferSyntax)).dataset(dataset, true);
        buffered.flush();
    }

    /**
     * Writes the start of a Part 10 file, preamble, {@code DICM} and File Meta Information, for a data set that
     * follows as bytes already encoded in {@code transferSyntaxUid} (any syntax, e.g. one received over the network).
     * The File Meta is built from {@code fileMeta} as {@link #write(OutputStream, Dataset, Dataset, TransferSyntax)}
     * builds it, with the given SOP Class and Instance UIDs.
     */
    public static void writeFileStart(
            OutputStream out, Dataset fileMeta, String sopClassUid, String sopInstanceUid, String transferSyntaxUid)
            throws IOException {
        out.write(PREAMBLE);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        out.write(fileMetaBytes(fileMeta, sopClassUid, sopInstanceUid, transferSyntaxUid));
    }

    /**
     * Writes a bare data set (no preamble, no File Meta), as a DICOM network peer sends it: Implicit or Explicit VR
     * Little Endian, Deflated Explicit VR Little Endian, or an encapsulated transfer syntax. Group 0002 elements of
     * the data set are not written.
     *
     * @throws IllegalArgumentException as {@link #write(OutputStream, Dataset, Dataset, TransferSyntax)}, except that
     *     deflated syntaxes are written
     */
    public static void writeDataset(OutputStream out, Dataset dataset, TransferSyntax transferSyntax)
            throws IOException {
        if (transferSyntax.bigEndian() || transferSyntax.pixels() == TransferSyntax.Pixels.REFERENCED) {
            throw new IllegalArgumentException("cannot write " + transferSyntax.displayName());
        }
        checkPixelData(dataset, transferSyntax);
        if (transferSyntax.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try (DeflaterOutputStream deflated = new DeflaterOutputStream(new NonClosing(out), deflater, 64 * 1024)) {
                new DicomWriter(deflated, Encoding.of(transferSyntax)).dataset(dataset, true);
            } finally {
                deflater.end();
            }
            return;
        }
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        new DicomWriter(buffered, Encoding.of(transferSyntax)).dataset(dataset, true);
        buffered.flush();
    }

    /** Lets a deflater be closed (ending its native resources) without closing the caller's stream. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static void checkPixelData(Dataset dataset, TransferSyntax ts) {
        Element pixels = dataset.get(Tag.PixelData);
        if (pixels != null && !pixels.isSequence() && pixels.isEncapsulated() != ts.encapsulated()) {
            throw new IllegalArgumentException((pixels.isEncapsulated() ? "encapsulated" : "native")
                    + " pixel data cannot be written as " + ts.displayName());
        }
    }

    private static byte[] fileMetaBytes(Dataset given, String sopClassUid, String sopInstanceUid, String tsUid)
            throws IOException {
        Dataset meta = new Dataset();
        if (given != null) {
            for (Element e : given) {
                if (Tags.group(e.tag()) == 2) {
                    meta.put(e);
                }
            }
        }
        meta.remove(Tag.FileMetaInformationGroupLength);
        meta.put(Element.of(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1}));
        putUid(sopClassUid, meta, Tag.MediaStorageSOPClassUID);
        putUid(sopInstanceUid, meta, Tag.MediaStorageSOPInstanceUID);
        meta.putStrings(Tag.TransferSyntaxUID, VR.UI, tsUid);
        meta.putStrings(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
        meta.putStrings(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME);
        ByteArrayOutputStream group = new ByteArrayOutputStream();
        new DicomWriter(group, Encoding.EXPLICIT_LITTLE).dataset(meta, false);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        new DicomWriter(all, Encoding.EXPLICIT_LITTLE)
                .element(Element.of(Tag.FileMetaInformationGroupLength, VR.UL, le32(group.size())));
        group.writeTo(all);
        return all.toByteArray();
    }

    private static void putUid(String uid, Dataset meta, int to) {
        if (uid != null) {
            meta.putStrings(to, VR.UI, uid);
        } else if (!meta.contains(to)) {
            meta.put(Element.of(to, VR.UI, new byte[0])); // the data set lacks it; the element is still written
        }
    }

    private void dataset(Dataset dataset, boolean skipFileMetaGroup) throws IOException {
        for (Element e : dataset) {
            if (skipFileMetaGroup && Tags.group(e.tag()) == 2) {
                continue;
            }
            if (Tags.isGroupLength(e.tag()) && e.vr() == VR.UL) {
                element(Element.of(e.tag(), VR.UL, le32(groupLength(dataset, Tags.group(e.tag())))));
            } else {
                element(e);
            }
        }
    }

    private void element(Element e) throws IOException {
        if (e.isSequence()) {
            header(e.tag(), VR.SQ, UNDEFINED);
            for (Dataset item : e.items()) {
                tagAndLength(Tag.Item, UNDEFINED);
                dataset(item, false);
                tagAndLength(Tag.ItemDelimitationItem, 0);
            }
            tagAndLength(Tag.SequenceDelimitationItem, 0);
            return;
        }
        if (e.isEncapsulated()) {
            Fragments fragments = e.fragments();
            header(e.tag(), e.vr(), UNDEFINED);
            long[] table = fragments.basicOffsetTable();
            tagAndLength(Tag.Item, 4L * table.length);
            for (long offset : table) {
                u32(offset);
            }
            for (BulkData fragment : fragments.items()) {
                tagAndLength(Tag.Item, padded(fragment.length()));
                copy(fragment, (byte) 0);
            }
            tagAndLength(Tag.SequenceDelimitationItem, 0);
            return;
        }
        long length = e.length();
        VR vr = encoding.explicitVr() && !e.vr().longHeader() && padded(length) > 0xFFFF ? VR.UN : e.vr();
        header(e.tag(), vr, padded(length));
        if (e.inMemory()) {
            out.write(e.bytes());
            if ((length & 1) == 1) {
                out.write(e.vr().paddingByte());
            }
        } else {
            copy(e.bulkData(), e.vr().paddingByte());
        }
    }

    private void copy(BulkData value, byte padding) throws IOException {
        try (InputStream in = value.openStream()) {
            long copied = in.transferTo(out);
            if (copied != value.length()) {
                throw new IOException("value of " + value.length() + " bytes supplied " + copied + " bytes");
            }
        }
        if ((value.length() & 1) == 1) {
            out.write(padding);
        }
    }

    private void header(int tag, VR vr, long length) throws IOException {
        u16(Tags.group(tag));
        u16(Tags.element(tag));
        if (!encoding.explicitVr()) {
            u32(length);
            return;
        }
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.longHeader()) {
            u16(0);
            u32(length);
        } else {
            u16((int) length);
        }
    }

    private void tagAndLength(int tag, long length) throws IOException {
        u16(Tags.group(tag));
        u16(Tags.element(tag));
        u32(length);
    }

    /** The bytes the group's elements after its group length element take in this encoding. */
    private long groupLength(Dataset dataset, int group) {
        long length = 0;
        for (Element e : dataset) {
            if (Tags.group(e.tag()) == group && !Tags.isGroupLength(e.tag())) {
                length += encodedLength(e);
            }
        }
        return length;
    }

    private long encodedLength(Element e) {
        if (e.isSequence()) {
            long length = headerLength(VR.SQ) + 8;
            for (Dataset item : e.items()) {
                length += 16;
                for (Element inner : item) {
                    length += encodedLength(inner);
                }
            }
            return length;
        }
        if (e.isEncapsulated()) {
            return headerLength(e.vr()) + e.fragments().encodedLength();
        }
        long value = padded(e.length());
        VR vr = encoding.explicitVr() && !e.vr().longHeader() && value > 0xFFFF ? VR.UN : e.vr();
        return headerLength(vr) + value;
    }

    private int headerLength(VR vr) {
        return !encoding.explicitVr() || !vr.longHeader() ? 8 : 12;
    }

    private static long padded(long length) {
        return length + (length & 1);
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private void u16(int v) throws IOException {
        out.write(v);
        out.write(v >>> 8);
    }

    private void u32(long v) throws IOException {
        out.write((int) v);
        out.write((int) (v >>> 8));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 24));
    }
}
