package org.openahi.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.openahi.dicom.charset.SpecificCharacterSet;
import org.openahi.dicom.dict.Dictionary;

/**
 * One data element: tag, VR and value. The value is kept as read, in little-endian byte order: bytes in memory,
 * a {@link BulkData} not yet loaded, a {@link Sequence} of items, or encapsulated {@link Fragments}. Text is
 * decoded on request with the Specific Character Set of the data set holding the element, so the original bytes
 * are what a writer writes back.
 */
public final class Element {

    private static final byte[] EMPTY = new byte[0];

    private final int tag;
    private final VR vr;
    private final Object value;

    private Element(int tag, VR vr, Object value) {
        this.tag = tag;
        this.vr = vr;
        this.value = value;
    }

    /** An element whose value is these bytes in little-endian order; the array is shared, not copied. */
    public static Element of(int tag, VR vr, byte[] value) {
        if (vr == VR.SQ) {
            throw new IllegalArgumentException("a sequence holds items, not bytes: " + Tags.format(tag));
        }
        return new Element(tag, vr, value == null ? EMPTY : value);
    }

    /** An element whose value stays outside memory until read. */
    public static Element of(int tag, VR vr, BulkData value) {
        if (vr.kind() != VR.Kind.BYTES) {
            throw new IllegalArgumentException("only OB, OD, OF, OL, OV, OW and UN values may be bulk data: " + vr);
        }
        return new Element(tag, vr, value);
    }

    /** A sequence element. */
    public static Element of(int tag, Sequence items) {
        return new Element(tag, VR.SQ, items);
    }

    /** Encapsulated Pixel Data. */
    public static Element of(int tag, VR vr, Fragments fragments) {
        if (vr != VR.OB && vr != VR.OW) {
            throw new IllegalArgumentException("encapsulated pixel data is OB: " + vr);
        }
        return new Element(tag, vr, fragments);
    }

    public int tag() {
        return tag;
    }

    public VR vr() {
        return vr;
    }

    /** True when the value is in memory as bytes (not a sequence, fragments or unread bulk data). */
    public boolean inMemory() {
        return value instanceof byte[];
    }

    public boolean isSequence() {
        return value instanceof Sequence;
    }

    public boolean isEncapsulated() {
        return value instanceof Fragments;
    }

    /** True for an empty value: no bytes, no items. */
    public boolean isEmpty() {
        return switch (value) {
            case byte[] b -> b.length == 0;
            case BulkData b -> b.length() == 0;
            case Sequence s -> s.isEmpty();
            default -> false;
        };
    }

    /** Value length in bytes as it would be encoded without padding; for a sequence, its number of items. */
    public long length() {
        return switch (value) {
            case byte[] b -> b.length;
            case BulkData b -> b.length();
            case Sequence s -> s.size();
            case Fragments f -> f.encodedLength();
            default -> throw new AssertionError(value);
        };
    }

    /** The value's bytes in little-endian order (shared, do not modify). */
    public byte[] bytes() {
        if (value instanceof byte[] b) {
            return b;
        }
        throw new IllegalStateException(Tags.format(tag) + " is not in memory; use bulkData()");
    }

    /** The value as {@link BulkData}, whether in memory or not. */
    public BulkData bulkData() {
        return switch (value) {
            case byte[] b -> BulkData.of(b);
            case BulkData b -> b;
            default -> throw new IllegalStateException(Tags.format(tag) + " is a " + vr + " without bytes");
        };
    }

    public Sequence items() {
        if (value instanceof Sequence s) {
            return s;
        }
        throw new IllegalStateException(Tags.format(tag) + " is not a sequence");
    }

    public Fragments fragments() {
        if (value instanceof Fragments f) {
            return f;
        }
        throw new IllegalStateException(Tags.format(tag) + " is not encapsulated pixel data");
    }

    /**
     * The text values, decoded and split at backslash (except for the single-valued LT, ST, UT and UR), with the
     * padding and insignificant spaces PS3.5 §6.2 describes removed. An empty value gives an empty list; empty
     * values among several stay as empty strings. A UN value of an attribute the dictionary knows as text is
     * decoded as that text.
     *
     * @param characterSet the Specific Character Set in effect ({@link Dataset#specificCharacterSet()})
     */
    public List<String> strings(SpecificCharacterSet characterSet) {
        VR textVr = textVr();
        if (textVr == null) {
            throw new IllegalStateException(Tags.format(tag) + " " + vr + " is not text");
        }
        byte[] b = bytes();
        if (b.length == 0) {
            return List.of();
        }
        SpecificCharacterSet cs = textVr.usesSpecificCharacterSet() ? characterSet : SpecificCharacterSet.DEFAULT;
        String text = cs.decode(b);
        if (!textVr.multiValued()) {
            return List.of(trim(text, textVr));
        }
        List<String> values = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', start)) {
            values.add(trim(text.substring(start, i), textVr));
            start = i + 1;
        }
        values.add(trim(text.substring(start), textVr));
        return values;
    }

    /** The text VR the value is decoded as: its own, or for UN the dictionary's when that is text; else null. */
    private VR textVr() {
        if (vr.isText()) {
            return vr;
        }
        if (vr == VR.UN) {
            VR known = Dictionary.implicitVr(tag);
            return known.isText() ? known : null;
        }
        return null;
    }

    /** The first text value, or {@code null} when there is none. */
    public String string(SpecificCharacterSet characterSet) {
        List<String> values = strings(characterSet);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Person Name values split into alphabetic, ideographic and phonetic groups. */
    public List<PersonName> personNames(SpecificCharacterSet characterSet) {
        if (vr != VR.PN) {
            throw new IllegalStateException(Tags.format(tag) + " " + vr + " is not PN");
        }
        return strings(characterSet).stream().map(PersonName::parse).toList();
    }

    /** Trailing padding always goes; leading spaces are significant only in the long text VRs. */
    private static String trim(String s, VR vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (vr != VR.LT && vr != VR.ST && vr != VR.UT && vr != VR.UR && vr != VR.UC) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return s.substring(start, end);
    }

    /**
     * Integer values: US, SS, UL, SL, UV, SV (UV as the bits of an unsigned number), AT (each tag as
     * {@code gggg eeee}) and IS.
     *
     * @throws NumberFormatException when an IS value is not an integer
     */
    public long[] longs() {
        if (vr == VR.IS) {
            return strings(SpecificCharacterSet.DEFAULT).stream()
                    .filter(s -> !s.isEmpty())
                    .mapToLong(s -> Long.parseLong(s.startsWith("+") ? s.substring(1) : s))
                    .toArray();
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes()).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[buf.remaining() / unit()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (vr) {
                case US -> Short.toUnsignedLong(buf.getShort());
                case SS -> buf.getShort();
                case UL -> Integer.toUnsignedLong(buf.getInt());
                case SL -> buf.getInt();
                case UV, SV -> buf.getLong();
                case AT -> (long) Short.toUnsignedInt(buf.getShort()) << 16 | Short.toUnsignedInt(buf.getShort());
                default -> throw new IllegalStateException(Tags.format(tag) + " " + vr + " holds no integers");
            };
        }
        return out;
    }

    /**
     * Floating-point values: FL, FD, OF, OD and DS, and the integer VRs converted.
     *
     * @throws NumberFormatException when a DS value is not a number
     */
    public double[] doubles() {
        switch (vr) {
            case DS -> {
                return strings(SpecificCharacterSet.DEFAULT).stream()
                        .filter(s -> !s.isEmpty())
                        .mapToDouble(Double::parseDouble)
                        .toArray();
            }
            case FL, OF, FD, OD -> {
                ByteBuffer buf = ByteBuffer.wrap(bytes()).order(ByteOrder.LITTLE_ENDIAN);
                double[] out = new double[buf.remaining() / vr.unitSize()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = vr.unitSize() == 4 ? buf.getFloat() : buf.getDouble();
                }
                return out;
            }
            default -> {
                long[] longs = longs();
                double[] out = new double[longs.length];
                for (int i = 0; i < longs.length; i++) {
                    out[i] = vr == VR.UV ? Double.parseDouble(Long.toUnsignedString(longs[i])) : longs[i];
                }
                return out;
            }
        }
    }

    private int unit() {
        return vr == VR.AT ? 4 : Math.max(1, vr.unitSize());
    }

    /** Number of values (PS3.5 §6.4): text values, binary numbers, sequence items count as one value. */
    public int vm(SpecificCharacterSet characterSet) {
        if (isEmpty()) {
            return 0;
        }
        return switch (vr.kind()) {
            case TEXT, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING ->
                strings(characterSet).size();
            case INTEGER, FLOAT, TAG -> (int) (length() / unit());
            default -> 1;
        };
    }

    @Override
    public String toString() {
        return Tags.format(tag) + " " + vr + " " + (value instanceof byte[] b ? b.length + " bytes" : value);
    }
}
