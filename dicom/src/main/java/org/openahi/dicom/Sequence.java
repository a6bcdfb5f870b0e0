package org.openahi.dicom;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/** The items of a sequence element. New items are nested in the data set that holds the sequence. */
public final class Sequence extends AbstractList<Dataset> implements RandomAccess {

    private final Dataset parent;
    private final List<Dataset> items = new ArrayList<>();

    /** A sequence for a data set; its items inherit that data set's Specific Character Set. */
    public Sequence(Dataset parent) {
        this.parent = parent;
    }

    /** Appends and returns a new empty item. */
    public Dataset addItem() {
        Dataset item = new Dataset(parent);
        items.add(item);
        return item;
    }

    @Override
    public void add(int index, Dataset item) {
        items.add(index, item);
    }

    @Override
    public Dataset set(int index, Dataset item) {
        return items.set(index, item);
    }

    @Override
    public Dataset remove(int index) {
        return items.remove(index);
    }

    @Override
    public Dataset get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
