package org.openahi.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.openahi.dicom.charset.SpecificCharacterSet;
import org.openahi.dicom.dict.Tag;

/**
 * A data set or sequence item: elements in ascending tag order. An item knows the data set it is nested in, so
 * text decodes with the Specific Character Set in effect there unless the item names its own.
 */
public final class Dataset implements Iterable<Element> {

    private final Dataset parent;
    private int[] tags = new int[16];
    private Element[] elements = new Element[16];
    private int size;
    private SpecificCharacterSet ownCharacterSet;

    /** An empty top-level data set. */
    public Dataset() {
        this(null);
    }

    /** An empty item nested in {@code parent} (see {@link Sequence#addItem()}). */
    Dataset(Dataset parent) {
        this.parent = parent;
    }

    /** The data set this item is nested in, or {@code null} at the top level. */
    public Dataset parent() {
        return parent;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The element with this tag, or {@code null}. */
    public Element get(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? elements[i] : null;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** Adds the element, replacing one with the same tag; returns the replaced element or {@code null}. */
    public Element put(Element element) {
        int tag = element.tag();
        if (tag == Tag.SpecificCharacterSet) {
            ownCharacterSet = null;
        }
        if (size == 0 || Integer.compareUnsigned(tag, tags[size - 1]) > 0) {
            insert(size, element);
            return null;
        }
        int i = indexOf(tag);
        if (i >= 0) {
            Element old = elements[i];
            elements[i] = element;
            return old;
        }
        insert(-i - 1, element);
        return null;
    }

    /** Removes and returns the element with this tag, or returns {@code null}. */
    public Element remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        Element old = elements[i];
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(elements, i + 1, elements, i, size - i - 1);
        elements[--size] = null;
        if (tag == Tag.SpecificCharacterSet) {
            ownCharacterSet = null;
        }
        return old;
    }

    private void insert(int index, Element element) {
        if (size == tags.length) {
            tags = Arrays.copyOf(tags, size * 2);
            elements = Arrays.copyOf(elements, size * 2);
        }
        System.arraycopy(tags, index, tags, index + 1, size - index);
        System.arraycopy(elements, index, elements, index + 1, size - index);
        tags[index] = element.tag();
        elements[index] = element;
        size++;
    }

    /** Binary search in unsigned tag order: index, or {@code -(insertion point) - 1}. */
    private int indexOf(int tag) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    @Override
    public Iterator<Element> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Element next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return elements[next++];
            }
        };
    }

    /**
     * The Specific Character Set in effect: this data set's own (0008,0005), else the enclosing data set's, else
     * the default repertoire.
     */
    public SpecificCharacterSet specificCharacterSet() {
        Element own = get(Tag.SpecificCharacterSet);
        if (own == null || !own.inMemory()) {
            return parent == null ? SpecificCharacterSet.DEFAULT : parent.specificCharacterSet();
        }
        if (ownCharacterSet == null) {
            ownCharacterSet = own.vr().isText()
                    ? SpecificCharacterSet.of(trimLeadingEmpty(own.strings(SpecificCharacterSet.DEFAULT)))
                    : SpecificCharacterSet.of(new String(own.bytes(), StandardCharsets.US_ASCII)
                            .strip()
                            .split("\\\\"));
        }
        return ownCharacterSet;
    }

    /** A lone empty value means "default repertoire"; an empty first value among several is kept. */
    private static List<String> trimLeadingEmpty(List<String> terms) {
        return terms.size() == 1 && terms.get(0).isEmpty() ? List.of() : terms;
    }

    /** The first text value of the element, decoded, or {@code null} when absent, empty or not text. */
    public String getString(int tag) {
        List<String> values = getStrings(tag);
        return values.isEmpty() ? null : values.get(0);
    }

    /** All text values of the element, decoded; empty when absent or not text. */
    public List<String> getStrings(int tag) {
        Element e = get(tag);
        try {
            return e == null || !e.inMemory() ? List.of() : e.strings(specificCharacterSet());
        } catch (IllegalStateException notText) {
            return List.of();
        }
    }

    /**
     * The first integer value (US, SS, UL, SL, IS...), or {@code defaultValue} when absent, empty or not an
     * integer.
     */
    public long getLong(int tag, long defaultValue) {
        Element e = get(tag);
        if (e == null || !e.inMemory()) {
            return defaultValue;
        }
        try {
            long[] values = e.longs();
            return values.length == 0 ? defaultValue : values[0];
        } catch (NumberFormatException | IllegalStateException notAnInteger) {
            return defaultValue;
        }
    }

    public int getInt(int tag, int defaultValue) {
        long value = getLong(tag, defaultValue);
        return value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? defaultValue : (int) value;
    }

    /** Sets a text element, encoding the values with this data set's Specific Character Set. */
    public Element putStrings(int tag, VR vr, String... values) {
        if (!vr.isText()) {
            throw new IllegalArgumentException(vr + " is not text");
        }
        String text = String.join("\\", values);
        SpecificCharacterSet cs = vr.usesSpecificCharacterSet() && tag != Tag.SpecificCharacterSet
                ? specificCharacterSet()
                : SpecificCharacterSet.DEFAULT;
        try {
            return put(Element.of(tag, vr, cs.encode(text)));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("'" + text + "' has characters outside " + cs, e);
        }
    }

    /** Sets a binary integer element (US, SS, UL, SL, UV, SV, AT given as {@code gggg eeee}). */
    public Element putLongs(int tag, VR vr, long... values) {
        int unit = vr == VR.AT ? 4 : vr.unitSize();
        if (vr.kind() != VR.Kind.INTEGER && vr != VR.AT) {
            throw new IllegalArgumentException(vr + " is not a binary integer VR");
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (vr) {
                case US, SS -> buf.putShort((short) v);
                case UL, SL -> buf.putInt((int) v);
                case AT -> buf.putShort((short) (v >>> 16)).putShort((short) v);
                default -> buf.putLong(v);
            }
        }
        return put(Element.of(tag, vr, buf.array()));
    }

    /** Sets a FL or FD element. */
    public Element putDoubles(int tag, VR vr, double... values) {
        if (vr != VR.FL && vr != VR.FD && vr != VR.OF && vr != VR.OD) {
            throw new IllegalArgumentException(vr + " is not a floating-point VR");
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * vr.unitSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (vr.unitSize() == 4) {
                buf.putFloat((float) v);
            } else {
                buf.putDouble(v);
            }
        }
        return put(Element.of(tag, vr, buf.array()));
    }

    /** Sets an empty sequence element and returns its items, to be filled with {@link Sequence#addItem()}. */
    public Sequence putSequence(int tag) {
        Sequence items = new Sequence(this);
        put(Element.of(tag, items));
        return items;
    }

    @Override
    public String toString() {
        return "Dataset(" + size + " elements)";
    }
}
