package org.openahi.dicom.io;

import java.util.Arrays;
import org.openahi.dicom.Tags;

/** Where the parser is: the elements and item numbers from the top level down, for error messages. */
final class TagPath {

    private static final int NO_ITEM = -1;

    private int[] tags = new int[8];
    private int[] items = new int[8];
    private int depth;

    void push(int tag) {
        if (depth == tags.length) {
            tags = Arrays.copyOf(tags, depth * 2);
            items = Arrays.copyOf(items, depth * 2);
        }
        tags[depth] = tag;
        items[depth] = NO_ITEM;
        depth++;
    }

    /** Marks that the innermost element's item {@code index} is being read. */
    void item(int index) {
        items[depth - 1] = index;
    }

    void pop() {
        depth--;
    }

    /** Number of sequences (and the element being read) on the path. */
    int depth() {
        return depth;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                s.append('.');
            }
            s.append(Tags.format(tags[i]));
            if (items[i] != NO_ITEM) {
                s.append('[').append(items[i]).append(']');
            }
        }
        return s.toString();
    }
}
