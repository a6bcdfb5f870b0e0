package org.openahi.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.charset.SpecificCharacterSet;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;
import org.openahi.dicom.dict.Tag;

/**
 * Reads data elements (PS3.5 §7) into a {@link Dataset}: explicit and implicit VR, both byte orders, defined and
 * undefined lengths, sequences of undefined length inside UN elements (CP-246, read as Implicit VR Little Endian),
 * and encapsulated Pixel Data. Lengths are unsigned 32-bit numbers; values are read as their bytes arrive and under
 * the limits of {@link ReadOptions}; every problem becomes a {@link DicomParseException} naming offset and tag path.
 */
final class DatasetParser {

    static final long UNDEFINED_LENGTH = 0xFFFF_FFFFL;
    /** Memory charged per element on top of its value, roughly what the objects cost. */
    private static final int ELEMENT_OVERHEAD = 64;

    /** The header of a top-level pixel data element where a streaming read stopped. */
    record PixelDataHeader(int tag, VR vr, long length, Encoding encoding) {
        boolean encapsulated() {
            return length == UNDEFINED_LENGTH;
        }
    }

    private final ByteInput in;
    private final ReadOptions options;
    private final List<ReadWarning> warnings;
    private final TagPath path = new TagPath();
    private long memory;
    private boolean warnedCharacterSet;
    private boolean truncated;

    DatasetParser(ByteInput in, ReadOptions options, List<ReadWarning> warnings) {
        this.in = in;
        this.options = options;
        this.warnings = warnings;
    }

    /**
     * Reads top-level elements until the input ends or, when {@code stopAtPixelData}, until the header of a pixel
     * data element, which is returned with the input positioned at its value.
     */
    PixelDataHeader readTopLevel(Dataset dataset, Encoding encoding, boolean stopAtPixelData) throws IOException {
        try {
            return readElements(dataset, -1, encoding, true, stopAtPixelData);
        } catch (EOFException e) {
            throw new DicomParseException(e.getMessage(), in.position(), path.toString());
        }
    }

    /** Reads the File Meta Information group: explicit VR little endian elements of group 0002. */
    void readFileMeta(Dataset meta, Encoding encoding) throws IOException {
        try {
            while (in.request(2) && in.peek(0) == 2 && in.peek(1) == 0) {
                readElement(meta, encoding, 0, false);
            }
        } catch (EOFException e) {
            throw new DicomParseException(e.getMessage(), in.position(), path.toString());
        }
    }

    private DicomParseException fail(String reason) {
        return new DicomParseException(reason, in.position(), path.toString());
    }

    private void warn(String message) {
        warnings.add(new ReadWarning(in.position(), path.toString(), message));
    }

    /**
     * Reads elements of a data set or item until {@code end} (an absolute offset), or, with {@code end} -1, until an
     * item delimiter (items) or the end of the input (top level).
     */
    private PixelDataHeader readElements(
            Dataset dataset, long end, Encoding encoding, boolean topLevel, boolean stopAtPixelData)
            throws IOException {
        int depth = path.depth();
        while (true) {
            if (end >= 0) {
                if (in.position() < end && endsEarly(end)) {
                    return null;
                }
                if (in.position() >= end) {
                    if (in.position() > end) {
                        throw fail("element runs " + (in.position() - end) + " bytes past the end of its item");
                    }
                    return null;
                }
            } else if (topLevel && endOfTopLevel()) {
                return null;
            }
            PixelDataHeader pixels = readElement(dataset, encoding, depth, topLevel && stopAtPixelData);
            if (pixels == ITEM_END) {
                if (topLevel || end >= 0) {
                    warn("item delimitation item outside an item of undefined length, ignored");
                    continue;
                }
                return null;
            }
            if (pixels != null) {
                return pixels;
            }
        }
    }

    /**
     * True when the input ends cleanly between elements before a defined length is reached (a truncated file).
     * DCMTK reads such files as far as they go; so do we, with a warning.
     */
    private boolean endsEarly(long end) throws IOException {
        if (!in.atEnd()) {
            return false;
        }
        if (!truncated) {
            truncated = true;
            warn("input ends " + (end - in.position()) + " bytes before the end of the enclosing item or sequence");
        }
        return true;
    }

    /** The input ends here; a few trailing zero bytes (padding some writers leave) are ignored. */
    private boolean endOfTopLevel() throws IOException {
        if (in.atEnd()) {
            return true;
        }
        if (!in.request(8)) {
            int left = in.buffered();
            for (int i = 0; i < left; i++) {
                if (in.peek(i) != 0) {
                    return false;
                }
            }
            warn(left + " trailing zero bytes ignored");
            in.skip(left);
            return true;
        }
        return false;
    }

    /** Marker returned by {@link #readElement} for an item delimitation item. */
    private static final PixelDataHeader ITEM_END = new PixelDataHeader(Tag.ItemDelimitationItem, null, 0, null);

    private PixelDataHeader readElement(Dataset dataset, Encoding encoding, int depth, boolean stopAtPixelData)
            throws IOException {
        long start = in.position();
        int tag = readTag(encoding);
        if (tag == Tag.ItemDelimitationItem) {
            in.u32(encoding.bigEndian());
            return ITEM_END;
        }
        if (tag == Tag.Item || tag == Tag.SequenceDelimitationItem) {
            throw new DicomParseException(
                    Tags.format(tag) + " found where a data element was expected", start, path.toString());
        }
        path.push(tag);
        VR vr;
        long length;
        if (encoding.explicitVr()) {
            int b0 = in.u8();
            int b1 = in.u8();
            vr = VR.of(b0, b1);
            if (vr == null && !(vrLike(b0) && vrLike(b1))) {
                // Not letters: most likely a data set in another encoding than its Transfer Syntax says.
                throw fail(String.format("invalid VR bytes %02X %02X of %s", b0, b1, Tags.format(tag)));
            }
            if (vr == null) {
                // A writer's slip in one element (two spaces where Pixel Padding Value's VR belongs, fo-dicom's
                // GH179): read as DCMTK does, with a 2-byte length, as the dictionary's VR.
                vr = implicitVr(tag, dataset);
                warn(String.format(
                        "invalid VR bytes %02X %02X of %s read as %s with a 2-byte length",
                        b0, b1, Tags.format(tag), vr));
                length = in.u16(encoding.bigEndian());
            } else if (vr.longHeader()) {
                in.u16(encoding.bigEndian());
                length = in.u32(encoding.bigEndian());
            } else {
                length = in.u16(encoding.bigEndian());
            }
        } else {
            length = in.u32(encoding.bigEndian());
            vr = implicitVr(tag, dataset);
        }
        if (stopAtPixelData && isPixelData(tag)) {
            path.pop();
            return new PixelDataHeader(tag, vr, length, encoding);
        }
        Element element;
        if (length == UNDEFINED_LENGTH) {
            if (vr == VR.SQ) {
                element = Element.of(tag, readSequence(dataset, -1, encoding, depth));
            } else if (vr == VR.UN) {
                if (encoding.explicitVr()) {
                    warn("UN element of undefined length read as an Implicit VR Little Endian sequence (CP-246)");
                }
                element = Element.of(tag, readSequence(dataset, -1, Encoding.IMPLICIT_LITTLE, depth));
            } else if (isPixelData(tag) && (vr == VR.OB || vr == VR.OW)) {
                element = Element.of(tag, vr, readFragments(encoding));
            } else {
                throw fail("undefined length for a " + vr + " element");
            }
        } else if (vr == VR.SQ) {
            element = Element.of(tag, readSequence(dataset, in.position() + length, encoding, depth));
        } else if (vr == VR.UN && options.unknownSequences() && Dictionary.implicitVr(tag) == VR.SQ) {
            element = unknownSequence(tag, readBytes(length), dataset, depth);
        } else {
            element = readValue(tag, vr, length, encoding, depth);
        }
        charge(0);
        dataset.put(element);
        if (tag == Tag.SpecificCharacterSet) {
            checkCharacterSet(dataset);
        } else if (vr.usesSpecificCharacterSet() && element.inMemory() && !warnedCharacterSet) {
            checkDefaultRepertoire(dataset, element);
        }
        path.pop();
        return null;
    }

    private int readTag(Encoding encoding) throws IOException {
        int group = in.u16(encoding.bigEndian());
        int element = in.u16(encoding.bigEndian());
        return Tags.of(group, element);
    }

    private static boolean isPixelData(int tag) {
        return tag == Tag.PixelData || tag == Tag.FloatPixelData || tag == Tag.DoubleFloatPixelData;
    }

    /** An upper-case letter or a space: what a VR is written with, even a wrong one. */
    private static boolean vrLike(int b) {
        return b == ' ' || b >= 'A' && b <= 'Z';
    }

    /** Implicit VR: the dictionary's VR, resolving the alternatives as PS3.5 Annex A and DCMTK do. */
    private static VR implicitVr(int tag, Dataset dataset) {
        DictionaryEntry entry = Dictionary.entry(tag);
        if (entry == null || entry.vr() == null) {
            return VR.UN;
        }
        if (!entry.vrAmbiguous()) {
            return entry.vr();
        }
        if (entry.vrs().contains(VR.OW)) {
            return VR.OW;
        }
        if (entry.vrs().contains(VR.SS)) {
            return pixelRepresentation(dataset) == 1 ? VR.SS : VR.US;
        }
        return entry.vr();
    }

    private static int pixelRepresentation(Dataset dataset) {
        for (Dataset d = dataset; d != null; d = d.parent()) {
            if (d.contains(Tag.PixelRepresentation)) {
                return d.getInt(Tag.PixelRepresentation, 0);
            }
        }
        return 0;
    }

    private Element readValue(int tag, VR vr, long length, Encoding encoding, int depth) throws IOException {
        boolean bulk =
                vr.kind() == VR.Kind.BYTES && (length > options.bulkDataThreshold() || depth == 0 && isPixelData(tag));
        int unit = encoding.bigEndian() ? swapUnit(vr) : 1;
        if (bulk && in.file() != null) {
            long offset = in.position();
            if (offset + length > in.size()) {
                throw fail("value of " + length + " bytes runs past the end of the file (" + (in.size() - offset)
                        + " bytes left)");
            }
            in.skip(length);
            return Element.of(tag, vr, new BulkData.FileRange(in.file(), offset, length, unit));
        }
        byte[] value = readBytes(length);
        if (unit > 1) {
            swap(value, unit);
        }
        return Element.of(tag, vr, value);
    }

    /** A UN value that should be a sequence: parsed as Implicit VR Little Endian, or kept as bytes if it is not one. */
    private Element unknownSequence(int tag, byte[] value, Dataset dataset, int depth) throws IOException {
        DatasetParser inner =
                new DatasetParser(ByteInput.of(new ByteArrayInputStream(value)), options, new ArrayList<>());
        inner.memory = memory;
        inner.path.push(tag);
        try {
            Sequence items = inner.readSequence(dataset, value.length, Encoding.IMPLICIT_LITTLE, depth);
            memory = inner.memory;
            warnings.addAll(inner.warnings);
            return Element.of(tag, items);
        } catch (DicomParseException | EOFException e) {
            warn("UN value of a sequence attribute is not an Implicit VR sequence (" + e.getMessage()
                    + "); kept as UN");
            return Element.of(tag, VR.UN, value);
        }
    }

    private byte[] readBytes(long length) throws IOException {
        if (length > options.maxValueLength()) {
            throw fail("value of " + length + " bytes exceeds the limit of " + options.maxValueLength()
                    + " bytes held in memory");
        }
        charge(length);
        return in.read(length);
    }

    private void charge(long bytes) throws DicomParseException {
        memory += bytes + ELEMENT_OVERHEAD;
        if (memory > options.maxMemory()) {
            throw fail("data set needs more than the limit of " + options.maxMemory() + " bytes in memory");
        }
    }

    /** Bytes per value that a big-endian encoding reverses; 1 for byte streams and text. */
    private static int swapUnit(VR vr) {
        return switch (vr) {
            case AT -> 2;
            case OB, UN -> 1;
            default -> Math.max(1, vr.unitSize());
        };
    }

    static void swap(byte[] value, int unit) {
        for (int i = 0; i + unit <= value.length; i += unit) {
            for (int a = i, z = i + unit - 1; a < z; a++, z--) {
                byte t = value[a];
                value[a] = value[z];
                value[z] = t;
            }
        }
    }

    private Sequence readSequence(Dataset parent, long end, Encoding encoding, int depth) throws IOException {
        if (depth + 1 > options.maxDepth()) {
            throw fail("sequences nested deeper than the limit of " + options.maxDepth());
        }
        Sequence items = new Sequence(parent);
        while (end < 0 || in.position() < end && !endsEarly(end)) {
            int tag = readTag(encoding);
            long length = in.u32(encoding.bigEndian());
            if (tag == Tag.SequenceDelimitationItem) {
                if (end >= 0) {
                    warn("sequence delimitation item in a sequence of defined length");
                    continue;
                }
                return items;
            }
            if (tag != Tag.Item) {
                throw fail("expected an item, found " + Tags.format(tag));
            }
            path.item(items.size());
            Dataset item = items.addItem();
            charge(0);
            long itemEnd = length == UNDEFINED_LENGTH ? -1 : in.position() + length;
            if (end >= 0 && itemEnd > end) {
                // DCMTK reads such a last item whole and continues after it; so do we
                warn("item of " + length + " bytes runs " + (itemEnd - end) + " bytes past the end of its sequence");
            }
            readElements(item, itemEnd, encoding, false, false);
        }
        return items;
    }

    /** Encapsulated Pixel Data: the Basic Offset Table item, fragment items, the sequence delimiter. */
    private Fragments readFragments(Encoding encoding) throws IOException {
        long[] offsets = null;
        List<BulkData> fragments = new ArrayList<>();
        while (true) {
            int tag = readTag(encoding);
            long length = in.u32(encoding.bigEndian());
            if (tag == Tag.SequenceDelimitationItem) {
                if (offsets == null) {
                    throw fail("encapsulated pixel data without Basic Offset Table item");
                }
                return new Fragments(offsets, fragments);
            }
            if (tag != Tag.Item) {
                throw fail("expected a fragment item, found " + Tags.format(tag));
            }
            if (length == UNDEFINED_LENGTH) {
                throw fail("fragment item of undefined length");
            }
            path.item(offsets == null ? 0 : fragments.size() + 1);
            if (offsets == null) {
                offsets = basicOffsetTable(readBytes(length), encoding.bigEndian());
            } else if (in.file() != null) {
                long offset = in.position();
                if (offset + length > in.size()) {
                    throw fail("fragment of " + length + " bytes runs past the end of the file (" + (in.size() - offset)
                            + " bytes left)");
                }
                in.skip(length);
                charge(0);
                fragments.add(new BulkData.FileRange(in.file(), offset, length, 1));
            } else {
                fragments.add(BulkData.of(readBytes(length)));
            }
        }
    }

    private static long[] basicOffsetTable(byte[] table, boolean bigEndian) {
        long[] offsets = new long[table.length / 4];
        for (int i = 0; i < offsets.length; i++) {
            int p = i * 4;
            offsets[i] = bigEndian
                    ? (table[p] & 0xFFL) << 24
                            | (table[p + 1] & 0xFF) << 16
                            | (table[p + 2] & 0xFF) << 8
                            | table[p + 3] & 0xFF
                    : (table[p + 3] & 0xFFL) << 24
                            | (table[p + 2] & 0xFF) << 16
                            | (table[p + 1] & 0xFF) << 8
                            | table[p] & 0xFF;
        }
        return offsets;
    }

    private void checkCharacterSet(Dataset dataset) {
        SpecificCharacterSet cs = dataset.specificCharacterSet();
        if (!cs.unknownTerms().isEmpty()) {
            warn("unknown Specific Character Set " + cs.unknownTerms() + "; such text is read as ISO_IR 100");
        }
    }

    /** Text above ASCII without Specific Character Set is read as ISO_IR 100; say so once per read. */
    private void checkDefaultRepertoire(Dataset dataset, Element element) {
        byte[] b = element.bytes();
        if (!SpecificCharacterSet.isAscii(b, 0, b.length)
                && dataset.specificCharacterSet().terms().isEmpty()) {
            warnedCharacterSet = true;
            warn("non-ASCII text without Specific Character Set; read as ISO_IR 100");
        }
    }
}
